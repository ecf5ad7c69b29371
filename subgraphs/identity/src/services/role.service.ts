import {
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  requirePermission,
  type AuditRecorder,
  type Permission,
  type Viewer,
} from '@argus/core';
import type { RoleRepository, RoleRow } from '../repositories/role.repository.js';

export interface RoleInput {
  readonly name: string;
  readonly description: string;
}

/**
 * Roles are shared by every organization, so changing one (or its permissions) is a
 * superuser's act; internal roles are fixed.
 */
export class RoleService {
  constructor(
    private readonly roles: RoleRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer): Promise<RoleRow[]> {
    requirePermission(viewer, 'role_read');
    return this.roles.list();
  }

  async find(viewer: Viewer, id: number): Promise<RoleRow | undefined> {
    requirePermission(viewer, 'role_read');
    return this.roles.findById(id);
  }

  async create(viewer: Viewer, input: RoleInput): Promise<RoleRow> {
    this.requireSuperuser(requirePermission(viewer, 'role_create'));
    if (await this.roles.findByName(input.name))
      throw new InvalidRequestError('Role with provided name already exists');
    const role = await this.roles.create({ name: input.name, description: input.description });
    await this.audit.record(viewer, { actionType: 'role_create', meta: { role_id: role.id, name: role.name } });
    return role;
  }

  async update(viewer: Viewer, id: number, input: RoleInput): Promise<RoleRow> {
    this.requireSuperuser(requirePermission(viewer, 'role_update'));
    const existing = await this.existing(id);
    if (existing.is_internal) throw new InvalidRequestError('An internal role cannot be changed');
    const sameName = await this.roles.findByName(input.name);
    if (sameName && sameName.id !== id) throw new InvalidRequestError('Role with provided name already exists');
    const role = await this.roles.update(id, { name: input.name, description: input.description });
    await this.audit.record(viewer, { actionType: 'role_update', meta: { role_id: id } });
    return role!;
  }

  async delete(viewer: Viewer, id: number): Promise<void> {
    this.requireSuperuser(requirePermission(viewer, 'role_delete'));
    const existing = await this.existing(id);
    if (existing.is_internal) throw new InvalidRequestError('An internal role cannot be deleted');
    if ((await this.roles.countUsers(id)) > 0) throw new InvalidRequestError('Role has users');
    await this.roles.delete(id);
    await this.audit.record(viewer, { actionType: 'role_delete', meta: { role_id: id, name: existing.name } });
  }

  async permissions(viewer: Viewer, id: number): Promise<string[] | undefined> {
    requirePermission(viewer, 'role_perm_read');
    if (!(await this.roles.findById(id))) return undefined;
    return this.roles.permissionsOf(id);
  }

  async grant(viewer: Viewer, roleId: number, permission: Permission): Promise<void> {
    this.requireSuperuser(requirePermission(viewer, 'permission_create'));
    const role = await this.existing(roleId);
    if (role.is_internal) throw new InvalidRequestError('Permissions of an internal role cannot be changed');
    if (!(await this.roles.grant(roleId, permission)))
      throw new InvalidRequestError('Role already has this permission');
    await this.audit.record(viewer, { actionType: 'permission_create', meta: { role_id: roleId, permission } });
  }

  async revoke(viewer: Viewer, roleId: number, permission: Permission): Promise<void> {
    this.requireSuperuser(requirePermission(viewer, 'permission_delete'));
    const role = await this.existing(roleId);
    if (role.is_internal) throw new InvalidRequestError('Permissions of an internal role cannot be changed');
    if (await this.roles.revoke(roleId, permission)) {
      await this.audit.record(viewer, { actionType: 'permission_delete', meta: { role_id: roleId, permission } });
    }
  }

  /** Access check for role members: the members themselves are listed by the user service. */
  async requireMemberAccess(viewer: Viewer, id: number): Promise<boolean> {
    requirePermission(viewer, 'role_member_read');
    return (await this.roles.findById(id)) !== undefined;
  }

  /** A role's permissions, for fields of objects the caller could already read. */
  permissionsOfRole(id: number): Promise<string[]> {
    return this.roles.permissionsOf(id);
  }

  findByIds(ids: readonly number[]): Promise<RoleRow[]> {
    return this.roles.findByIds(ids);
  }

  private async existing(id: number): Promise<RoleRow> {
    const role = await this.roles.findById(id);
    if (!role) throw new NotFoundError('Role not found');
    return role;
  }

  private requireSuperuser(viewer: Viewer): void {
    if (!viewer.isSuperuser)
      throw new ForbiddenError('Roles are shared by every organization: only a superuser may change them');
  }
}
