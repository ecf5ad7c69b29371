import {
  type AuditRecorder,
  ForbiddenError,
  idPageOf,
  InvalidRequestError,
  isUniqueViolation,
  NotFoundError,
  type Page,
  requirePermission,
  scopeOrganization,
  toPage,
  type Viewer,
} from '@argus/core';
import type { GroupRepository, GroupRow } from '../repositories/group.repository.js';
import type { OrganizationRepository } from '../repositories/organization.repository.js';
import type { UserRepository } from '../repositories/user.repository.js';
import type { PageArgs } from './organization.service.js';

export interface GroupInput {
  readonly name: string;
  readonly description: string;
}

/** Groups of users inside an organization; a user is in at most one group. */
export class GroupService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async list(
    viewer: Viewer,
    args: PageArgs & { organizationId?: number | null; query?: string | null },
  ): Promise<Page<GroupRow>> {
    requirePermission(viewer, 'group_read');
    return this.page(viewer, args);
  }

  private async page(
    viewer: Viewer,
    args: PageArgs & { organizationId?: number | null; query?: string | null },
  ): Promise<Page<GroupRow>> {
    const organizationId =
      viewer.isSuperuser && (args.organizationId === undefined || args.organizationId === null)
        ? undefined
        : scopeOrganization(viewer, args.organizationId);
    const rows = await this.groups.list(idPageOf(args.limit, args.cursor), {
      organizationId,
      nameContains: args.query?.trim() || undefined,
    });
    return toPage(rows, args.limit, (row) => [row.id]);
  }

  /** Groups of one organization (organization_groups_read); undefined when the organization is not visible. */
  async ofOrganization(viewer: Viewer, organizationId: number, args: PageArgs): Promise<Page<GroupRow> | undefined> {
    requirePermission(viewer, 'organization_groups_read');
    if (!viewer.isSuperuser && organizationId !== viewer.organizationId) return undefined;
    if (!(await this.organizations.findById(organizationId))) return undefined;
    return this.page(viewer, { ...args, organizationId });
  }

  async find(viewer: Viewer, id: number): Promise<GroupRow | undefined> {
    requirePermission(viewer, 'group_read');
    return this.visible(viewer, id);
  }

  async visible(viewer: Viewer, id: number): Promise<GroupRow | undefined> {
    const group = await this.groups.findById(id);
    return group && (viewer.isSuperuser || group.organization_id === viewer.organizationId) ? group : undefined;
  }

  async create(viewer: Viewer, input: GroupInput, organizationId?: number | null): Promise<GroupRow> {
    requirePermission(viewer, 'group_create');
    if (organizationId !== undefined && organizationId !== null && !viewer.isSuperuser) {
      throw new InvalidRequestError('Organization was provided despite the user is not superuser');
    }
    const orgId = organizationId ?? viewer.organizationId;
    if (!(await this.organizations.findById(orgId)))
      throw new InvalidRequestError('Provided organization does not exist');
    const group = await this.groups.create({
      organization_id: orgId,
      name: input.name,
      description: input.description,
    });
    await this.audit.record(viewer, {
      actionType: 'group_create',
      organizationId: orgId,
      meta: { group_id: group.id, name: group.name },
    });
    return group;
  }

  async update(viewer: Viewer, id: number, input: GroupInput): Promise<GroupRow> {
    requirePermission(viewer, 'group_update');
    const existing = await this.visible(viewer, id);
    if (!existing) throw new NotFoundError('Group not found');
    if (existing.is_internal) throw new InvalidRequestError('An internal group cannot be changed');
    const group = await this.groups.update(id, { name: input.name, description: input.description });
    await this.audit.record(viewer, {
      actionType: 'group_update',
      organizationId: existing.organization_id,
      meta: { group_id: id },
    });
    return group!;
  }

  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'group_delete');
    const existing = await this.visible(viewer, id);
    if (!existing) throw new NotFoundError('Group not found');
    if (existing.is_internal) throw new InvalidRequestError('An internal group cannot be deleted');
    const counts = await this.groups.memberCounts([id]);
    if ((counts.get(id) ?? 0) > 0) throw new InvalidRequestError('Group has users');
    await this.groups.delete(id);
    await this.audit.record(viewer, {
      actionType: 'group_delete',
      organizationId: existing.organization_id,
      meta: { group_id: id, name: existing.name },
    });
  }

  async addMembers(viewer: Viewer, id: number, userIds: readonly number[]): Promise<void> {
    requirePermission(viewer, 'group_user_create');
    const group = await this.visible(viewer, id);
    if (!group) throw new NotFoundError('Group not found');
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    const users = await this.users.findByIds(unique);
    if (users.length !== unique.length || users.some((u) => u.organization_id !== group.organization_id)) {
      throw new InvalidRequestError('Some of provided users do not exist');
    }
    const grouped = await this.groups.usersInAnyGroup(unique);
    if (grouped.length > 0)
      throw new InvalidRequestError(`Users already in a group: ${grouped.sort((a, b) => a - b).join(', ')}`);
    try {
      await this.groups.addMembers(id, unique);
    } catch (error) {
      // another request put one of these users in a group meanwhile: the key (user_id) decides
      if (isUniqueViolation(error)) throw new InvalidRequestError('Some of provided users are already in a group');
      throw error;
    }
    await this.audit.record(viewer, {
      actionType: 'group_user_create',
      organizationId: group.organization_id,
      meta: { group_id: id, user_ids: unique },
    });
  }

  async removeMembers(viewer: Viewer, id: number, userIds: readonly number[]): Promise<void> {
    requirePermission(viewer, 'group_user_delete');
    const group = await this.visible(viewer, id);
    if (!group) throw new NotFoundError('Group not found');
    // a user in no group sees every place of the organization: more than a group member does
    if (!viewer.isSuperuser && viewer.groupIds.length > 0) {
      throw new ForbiddenError('A member of a group cannot take users out of a group');
    }
    const removed = await this.groups.removeMembers(id, [...new Set(userIds)]);
    if (removed.length > 0) {
      await this.audit.record(viewer, {
        actionType: 'group_user_delete',
        organizationId: group.organization_id,
        meta: { group_id: id, user_ids: removed },
      });
    }
  }

  memberCounts(ids: readonly number[]): Promise<Map<number, number>> {
    return this.groups.memberCounts(ids);
  }

  groupsOfUsers(userIds: readonly number[]): Promise<Map<number, GroupRow>> {
    return this.groups.groupsOfUsers(userIds);
  }

  findByIds(ids: readonly number[]): Promise<GroupRow[]> {
    return this.groups.findByIds(ids);
  }
}
