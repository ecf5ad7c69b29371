import {
  type AuditRecorder,
  ForbiddenError,
  idPageOf,
  InputValidationError,
  InvalidRequestError,
  isUniqueViolation,
  NotFoundError,
  type Page,
  requirePermission,
  toPage,
  type UploadCatalog,
  type Viewer,
} from '@argus/core';
import type { GroupRepository } from '../repositories/group.repository.js';
import type { OrganizationRepository } from '../repositories/organization.repository.js';
import type { RoleRepository } from '../repositories/role.repository.js';
import type { TokenRepository } from '../repositories/token.repository.js';
import type { UserFilter, UserRepository, UserRow } from '../repositories/user.repository.js';
import type { IdentityConfig } from '../config.js';
import type { LoginThrottleService } from './login-throttle.service.js';
import { checkNewPassword, hashPassword, verifyPassword } from './password.js';
import { UserAuthority } from './user-authority.js';

export interface UserListArgs {
  readonly limit: number;
  readonly cursor?: string | null;
  readonly withoutGroups?: boolean | null;
  readonly organizationId?: number | null;
  readonly query?: string | null;
}

export interface UserInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly avatarId?: string | null;
  readonly email: string;
  readonly password?: string | null;
  readonly groupIds: readonly number[];
  readonly roleId: number;
}

export interface ProfileInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly avatarId?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Users of an organization; superusers see every organization's. */
export class UserService {
  private readonly authority: UserAuthority;

  constructor(
    private readonly users: UserRepository,
    private readonly groups: GroupRepository,
    private readonly roles: RoleRepository,
    private readonly organizations: OrganizationRepository,
    private readonly tokens: TokenRepository,
    private readonly uploads: UploadCatalog,
    private readonly audit: AuditRecorder,
    private readonly config: Pick<IdentityConfig, 'passwordMinLength'>,
    private readonly throttle: LoginThrottleService,
  ) {
    this.authority = new UserAuthority(roles);
  }

  async list(viewer: Viewer, args: UserListArgs): Promise<Page<UserRow>> {
    requirePermission(viewer, 'user_read');
    return this.page(viewer, args, {});
  }

  async search(viewer: Viewer, args: UserListArgs & { query: string }): Promise<Page<UserRow>> {
    requirePermission(viewer, 'user_read');
    const query = args.query.trim();
    if (query.length < 2 || query.length > 255)
      throw new InputValidationError('query must be 2 to 255 characters', ['query']);
    return this.page(viewer, args, { query });
  }

  /**
   * Members of an organization (organization_members_read) or of a group (group_user_read);
   * undefined when the caller cannot see that organization or group.
   */
  async members(
    viewer: Viewer,
    of: { organizationId?: number; groupId?: number },
    args: UserListArgs,
  ): Promise<Page<UserRow> | undefined> {
    if (of.groupId !== undefined) {
      requirePermission(viewer, 'group_user_read');
      const group = await this.groups.findById(of.groupId);
      if (!group || (!viewer.isSuperuser && group.organization_id !== viewer.organizationId)) return undefined;
      return this.page(viewer, { ...args, organizationId: group.organization_id }, { groupId: group.id });
    }
    requirePermission(viewer, 'organization_members_read');
    const organizationId = of.organizationId ?? viewer.organizationId;
    if (!viewer.isSuperuser && organizationId !== viewer.organizationId) return undefined;
    if (!(await this.organizations.findById(organizationId))) return undefined;
    return this.page(viewer, { ...args, organizationId }, {});
  }

  /** Users holding a role: the caller's organization, or all for a superuser; undefined for an unknown role. */
  async roleMembers(viewer: Viewer, roleId: number): Promise<UserRow[] | undefined> {
    requirePermission(viewer, 'role_member_read');
    if (!(await this.roles.findById(roleId))) return undefined;
    const organizationId = viewer.isSuperuser ? undefined : viewer.organizationId;
    const rows: UserRow[] = [];
    let afterId: number | undefined;
    for (;;) {
      const batch = await this.users.list({ limit: 1000, afterId }, { roleId, organizationId });
      rows.push(...batch.slice(0, 1000));
      if (batch.length <= 1000) return rows;
      afterId = batch[999]!.id;
    }
  }

  private async page(viewer: Viewer, args: UserListArgs, filter: UserFilter): Promise<Page<UserRow>> {
    const organizationId = this.visibleOrganization(viewer, args.organizationId ?? filter.organizationId);
    const rows = await this.users.list(idPageOf(args.limit, args.cursor), {
      ...filter,
      organizationId,
      withoutGroups: args.withoutGroups ?? undefined,
    });
    return toPage(rows, args.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<UserRow | undefined> {
    requirePermission(viewer, 'user_read');
    return this.visible(viewer, await this.users.findById(id));
  }

  findByIds(ids: readonly number[]): Promise<UserRow[]> {
    return this.users.findByIds(ids);
  }

  async me(viewer: Viewer): Promise<UserRow> {
    requirePermission(viewer, 'user_me_read');
    const user = await this.users.findById(viewer.userId);
    if (!user) throw new NotFoundError('User not found');
    return user;
  }

  async create(viewer: Viewer, input: UserInput, organizationId?: number | null): Promise<UserRow> {
    requirePermission(viewer, 'user_create');
    if (organizationId !== undefined && organizationId !== null && !viewer.isSuperuser) {
      throw new InvalidRequestError('Organization was provided despite the user is not superuser');
    }
    const orgId = organizationId ?? viewer.organizationId;
    if (!(await this.organizations.findById(orgId)))
      throw new InvalidRequestError('Provided organization does not exist');
    if (!input.password) throw new InputValidationError('field required', ['input', 'password'], 'missing');
    checkNewPassword(input.password, this.config.passwordMinLength, ['input', 'password']);
    const groupId = await this.checkInput(viewer, input, orgId);
    await this.authority.requireGrantable(viewer, input.roleId);
    this.authority.requireGroupChange(viewer, 'new', groupId);
    const passwordHash = await hashPassword(input.password);
    const user = await uniqueEmail(() =>
      this.users.create({
        organization_id: orgId,
        role_id: input.roleId,
        email: input.email.trim(),
        password_hash: passwordHash,
        first_name: input.firstName,
        last_name: input.lastName,
        avatar_id: input.avatarId ?? null,
      }),
    );
    if (groupId !== undefined) await this.groups.setUserGroup(user.id, groupId);
    await this.audit.record(viewer, {
      actionType: 'user_create',
      organizationId: orgId,
      meta: { user_id: user.id, email: user.email },
    });
    return user;
  }

  async update(viewer: Viewer, id: number, input: UserInput): Promise<UserRow> {
    requirePermission(viewer, 'user_update');
    const existing = this.visible(viewer, await this.users.findById(id));
    if (!existing) throw new NotFoundError('User not found');
    this.protectSuperuser(viewer, existing);
    if (input.password) checkNewPassword(input.password, this.config.passwordMinLength, ['input', 'password']);
    const groupId = await this.checkInput(viewer, input, existing.organization_id, id);
    await this.authority.requireUpdatable(viewer, existing, input);
    this.authority.requireGroupChange(viewer, (await this.groups.groupsOfUsers([id])).get(id)?.id, groupId);
    const user = await uniqueEmail(async () =>
      this.users.update(id, {
        role_id: input.roleId,
        email: input.email.trim(),
        first_name: input.firstName,
        last_name: input.lastName,
        avatar_id: input.avatarId ?? null,
        ...(input.password ? { password_hash: await hashPassword(input.password) } : {}),
      }),
    );
    await this.groups.setUserGroup(id, groupId);
    if (input.password) await this.tokens.revokeAllOfUser(id);
    await this.audit.record(viewer, {
      actionType: 'user_update',
      organizationId: existing.organization_id,
      meta: { user_id: id },
    });
    return user!;
  }

  async updateMe(viewer: Viewer, input: ProfileInput): Promise<UserRow> {
    requirePermission(viewer, 'user_me_update');
    await this.checkAvatar(viewer, input.avatarId);
    const user = await this.users.update(viewer.userId, {
      first_name: input.firstName,
      last_name: input.lastName,
      avatar_id: input.avatarId ?? null,
    });
    if (!user) throw new NotFoundError('User not found');
    await this.audit.record(viewer, { actionType: 'user_update', meta: { user_id: user.id } });
    return user;
  }

  /** Changes the caller's password after checking the current one; other sessions are signed out. */
  async changePassword(viewer: Viewer, oldPassword: string, newPassword: string): Promise<UserRow> {
    requirePermission(viewer, 'user_me_update');
    await this.checkCurrentPassword(viewer, oldPassword);
    checkNewPassword(newPassword, this.config.passwordMinLength, ['newPassword']);
    const user = await this.users.update(viewer.userId, { password_hash: await hashPassword(newPassword) });
    const current = await this.tokens.findById(viewer.tokenId);
    await this.tokens.revokeAllOfUser(viewer.userId, current?.refresh_token_id ?? undefined);
    await this.audit.record(viewer, {
      actionType: 'user_update',
      meta: { user_id: viewer.userId, changed: 'password' },
    });
    return user!;
  }

  async changeEmail(viewer: Viewer, password: string, email: string): Promise<UserRow> {
    requirePermission(viewer, 'user_me_update');
    await this.checkCurrentPassword(viewer, password);
    this.checkEmail(email);
    if (await this.users.emailTaken(email, viewer.userId))
      throw new InvalidRequestError('User with provided email already exists');
    const user = await uniqueEmail(async () => this.users.update(viewer.userId, { email: email.trim() }));
    await this.audit.record(viewer, { actionType: 'user_update', meta: { user_id: viewer.userId, changed: 'email' } });
    return user!;
  }

  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'user_delete');
    const existing = this.visible(viewer, await this.users.findById(id));
    if (!existing) throw new NotFoundError('User not found');
    if (id === viewer.userId) throw new InvalidRequestError('You cannot delete yourself');
    this.protectSuperuser(viewer, existing);
    await this.authority.requireRemovable(viewer, existing);
    await this.users.delete(id);
    await this.audit.record(viewer, {
      actionType: 'user_delete',
      organizationId: existing.organization_id,
      meta: { user_id: id, email: existing.email },
    });
  }

  /** Only a superuser may change or delete a superuser (their password included). */
  private protectSuperuser(viewer: Viewer, target: UserRow): void {
    if (target.is_superuser && !viewer.isSuperuser) throw new ForbiddenError('Only a superuser may change a superuser');
  }

  /** Everyone but a superuser is confined to their own organization. */
  private visibleOrganization(viewer: Viewer, requested: number | null | undefined): number | undefined {
    if (viewer.isSuperuser) return requested ?? undefined;
    if (requested !== undefined && requested !== null && requested !== viewer.organizationId) {
      throw new ForbiddenError('Only a superuser may read another organization');
    }
    return viewer.organizationId;
  }

  private visible(viewer: Viewer, user: UserRow | undefined): UserRow | undefined {
    if (!user) return undefined;
    return viewer.isSuperuser || user.organization_id === viewer.organizationId ? user : undefined;
  }

  /** Applies the rules shared by create and update; returns the user's group (one at most). */
  private async checkInput(
    viewer: Viewer,
    input: UserInput,
    organizationId: number,
    userId?: number,
  ): Promise<number | undefined> {
    this.checkEmail(input.email);
    if (input.groupIds.length > 1) {
      throw new InputValidationError('A user can belong to one group only', ['input', 'groupIds'], 'too_many_items', {
        limit: 1,
      });
    }
    if (await this.users.emailTaken(input.email, userId))
      throw new InvalidRequestError('User with provided email already exists');
    const groupId = input.groupIds[0];
    if (groupId !== undefined) {
      const group = await this.groups.findById(groupId);
      if (!group || group.organization_id !== organizationId)
        throw new InvalidRequestError('Some of provided groups do not exist');
    }
    if (!(await this.roles.findById(input.roleId))) throw new InvalidRequestError('Provided role does not exist');
    await this.checkAvatar(viewer, input.avatarId);
    return groupId;
  }

  private checkEmail(email: string): void {
    if (!EMAIL.test(email.trim()) || email.length > 320) {
      throw new InputValidationError('value is not a valid email address', ['input', 'email'], 'not_an_email');
    }
  }

  private async checkAvatar(viewer: Viewer, avatarId: string | null | undefined): Promise<void> {
    if (avatarId && !(await this.uploads.exists(avatarId, 'avatar', viewer)))
      throw new InvalidRequestError('Provided avatar does not exist');
  }

  /** The current password, counted by the sign-in throttle like a sign-in: a stolen token cannot guess it. */
  private async checkCurrentPassword(viewer: Viewer, password: string): Promise<void> {
    const user = await this.users.findWithHashById(viewer.userId);
    if (!user) throw new InvalidRequestError('Current password is incorrect');
    const admission = await this.throttle.admit(user.email, viewer.clientIp, async () => {});
    if (!(await verifyPassword(user.password_hash, password)))
      throw new InvalidRequestError('Current password is incorrect');
    await this.throttle.succeeded(admission);
  }
}

/** Two requests racing for one email: the unique index decides, and the loser gets the same 400. */
async function uniqueEmail<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvalidRequestError('User with provided email already exists');
    throw error;
  }
}
