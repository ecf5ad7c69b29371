import { ForbiddenError, type Viewer } from '@argus/core';
import type { RoleRepository } from '../repositories/role.repository.js';
import type { UserRow } from '../repositories/user.repository.js';

/**
 * Who may hand out which role and touch whose credentials, so that a permission over users
 * never becomes every permission: a non-superuser grants only roles whose permissions they all
 * hold, and never changes the role, e-mail or password of a user who outranks them.
 */
export class UserAuthority {
  constructor(private readonly roles: RoleRepository) {}

  /** A role the caller may give a user (creating one, or changing one's role). */
  async requireGrantable(viewer: Viewer, roleId: number): Promise<void> {
    if (viewer.isSuperuser) return;
    const own = new Set<string>(viewer.permissions);
    if ((await this.roles.permissionsOf(roleId)).some((permission) => !own.has(permission))) {
      throw new ForbiddenError('A role can be granted only by someone who holds all of its permissions');
    }
  }

  /** A superuser, an administrator, or someone holding a permission the caller does not: never the caller. */
  async outranks(viewer: Viewer, target: UserRow): Promise<boolean> {
    if (viewer.isSuperuser || target.id === viewer.userId) return false;
    if (target.is_superuser) return true;
    const role = await this.roles.findById(target.role_id);
    if (role?.is_internal && role.name === 'administrator') return true;
    const own = new Set<string>(viewer.permissions);
    return (await this.roles.permissionsOf(target.role_id)).some((permission) => !own.has(permission));
  }

  /**
   * The rules of changing a user with user_update: a password only by a superuser (everyone
   * changes their own with the current one), a role only to a grantable one, and the role or
   * e-mail of a user who outranks the caller not at all.
   */
  async requireUpdatable(
    viewer: Viewer,
    target: UserRow,
    change: { roleId: number; email: string; password?: string | null },
  ): Promise<void> {
    if (viewer.isSuperuser) return;
    if (change.password) {
      throw new ForbiddenError('Only a superuser may set a password here; change your own with the current one');
    }
    const roleChanged = change.roleId !== target.role_id;
    const emailChanged = change.email.trim().toLowerCase() !== target.email.toLowerCase();
    if ((roleChanged || emailChanged) && (await this.outranks(viewer, target))) {
      throw new ForbiddenError(
        'Only a superuser may change the role or e-mail of a user who holds permissions you do not',
      );
    }
    if (roleChanged) await this.requireGrantable(viewer, change.roleId);
  }

  /**
   * A caller confined to a group (who sees only its places) may put users only in that group: a
   * user in no group, or in another group, would see places the caller does not.
   */
  requireGroupChange(viewer: Viewer, current: number | undefined | 'new', next: number | undefined): void {
    if (viewer.isSuperuser || viewer.groupIds.length === 0 || current === next) return;
    if (next === undefined || !viewer.groupIds.includes(next)) {
      throw new ForbiddenError('A member of a group may put users only in their own group');
    }
  }

  /** Deleting a user who outranks the caller is a superuser's act. */
  async requireRemovable(viewer: Viewer, target: UserRow): Promise<void> {
    if (await this.outranks(viewer, target)) {
      throw new ForbiddenError('Only a superuser may delete a user who holds permissions you do not');
    }
  }
}
