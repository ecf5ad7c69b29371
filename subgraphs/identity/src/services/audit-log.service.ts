import { randomUUID } from 'node:crypto';
import {
  type AuditEntry,
  type AuditRecorder,
  checkPageSize,
  decodeCursor,
  InputValidationError,
  isUuid,
  NotFoundError,
  type Page,
  requirePermission,
  scopeOrganization,
  toPage,
  type Viewer,
} from '@argus/core';
import type { AuditLogRepository, AuditLogRow } from '../repositories/audit-log.repository.js';
import type { GroupRepository } from '../repositories/group.repository.js';
import type { OrganizationRepository } from '../repositories/organization.repository.js';
import type { RoleRepository } from '../repositories/role.repository.js';
import type { UserRepository } from '../repositories/user.repository.js';

export const AUDIT_ACTION_TYPES = [
  'camera_create',
  'camera_delete',
  'camera_update',
  'face_create',
  'face_delete',
  'face_update',
  'facelist_create',
  'facelist_delete',
  'facelist_update',
  'faceimage_create',
  'faceimage_delete',
  'facelist_face_create',
  'facelist_face_delete',
  'group_create',
  'group_delete',
  'group_update',
  'group_user_create',
  'group_user_delete',
  'group_place_create',
  'group_place_delete',
  'organization_create',
  'organization_delete',
  'organization_update',
  'permission_create',
  'permission_delete',
  'onvif_image_update',
  'onvif_network_update',
  'onvif_ptz_update',
  'onvif_ptz_home_save',
  'onvif_ptz_home_apply',
  'onvif_ptz_preset_create',
  'onvif_ptz_preset_delete',
  'onvif_ptz_preset_apply',
  'onvif_stream_update',
  'onvif_user_update',
  'orion_create',
  'orion_delete',
  'orion_update',
  'place_create',
  'place_delete',
  'place_update',
  'place_group_create',
  'place_group_delete',
  'plan_create',
  'plan_delete',
  'plan_update',
  'plan_camera_create',
  'plan_camera_delete',
  'plan_camera_update',
  'plate_create',
  'plate_delete',
  'plate_update',
  'platelist_create',
  'platelist_delete',
  'platelist_update',
  'platelist_plate_create',
  'platelist_plate_delete',
  'role_create',
  'role_delete',
  'role_update',
  'upload_create',
  'user_create',
  'user_delete',
  'user_update',
  'user_login',
  'user_logout',
  'version_update',
  'videoclip_create',
  'videoclip_delete',
] as const;

export interface AuditLogFilter {
  readonly userIds?: readonly number[];
  readonly actionTypes?: readonly string[];
  readonly createdAtFrom?: Date;
  readonly createdAtTo?: Date;
  readonly orderBy?: 'created_at' | '-created_at';
  readonly organizationId?: number;
  readonly cursor?: string | null;
  readonly limit: number;
}

const DAY_MS = 86_400_000;

/** The [created_at, id] key of the entry a page ends with; anything else is bad input, not a database error. */
function entryCursor(cursor: string | null | undefined): [string, string] | undefined {
  const key = decodeCursor(cursor);
  if (!key) return undefined;
  const [createdAt, id] = key;
  if (
    key.length !== 2 ||
    typeof createdAt !== 'string' ||
    Number.isNaN(Date.parse(createdAt)) ||
    typeof id !== 'string' ||
    !isUuid(id)
  ) {
    throw new InputValidationError('Invalid cursor', ['after']);
  }
  return [createdAt, id];
}

/** Writes snapshots of who did what, and reads them back within the caller's organization. */
export class AuditLogService implements AuditRecorder {
  constructor(
    private readonly logs: AuditLogRepository,
    private readonly users: UserRepository,
    private readonly roles: RoleRepository,
    private readonly groups: GroupRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  async record(viewer: Viewer, entry: AuditEntry): Promise<void> {
    const user = await this.users.findById(viewer.userId);
    if (!user) return;
    const organizationId = entry.organizationId ?? user.organization_id;
    const [role, organization, groupOf] = await Promise.all([
      this.roles.findById(user.role_id),
      this.organizations.findById(organizationId),
      this.groups.groupsOfUsers([user.id]),
    ]);
    const group = groupOf.get(user.id);
    await this.logs.insert({
      id: randomUUID(),
      action_type: entry.actionType,
      organization_id: organizationId,
      organization_name: organization?.name ?? '',
      user_id: user.id,
      user_email: user.email,
      user_first_name: user.first_name,
      user_last_name: user.last_name,
      user_avatar_id: user.avatar_id,
      user_role_id: user.role_id,
      user_role_name: role?.name ?? '',
      user_groups: group ? [{ id: group.id, name: group.name }] : [],
      user_is_superuser: user.is_superuser,
      client_ip: viewer.clientIp ?? null,
      meta: entry.meta ?? {},
    });
  }

  async list(viewer: Viewer, filter: AuditLogFilter): Promise<Page<AuditLogRow>> {
    requirePermission(viewer, 'auditlog_read');
    const organizationId =
      viewer.isSuperuser && filter.organizationId === undefined
        ? undefined
        : scopeOrganization(viewer, filter.organizationId);
    const to = filter.createdAtTo ?? new Date();
    const from = filter.createdAtFrom ?? new Date(to.getTime() - DAY_MS);
    checkPageSize(filter.limit);
    const after = entryCursor(filter.cursor);
    const rows = await this.logs.list({
      organizationId,
      userIds: filter.userIds,
      actionTypes: filter.actionTypes,
      from,
      to,
      descending: filter.orderBy !== 'created_at',
      limit: filter.limit,
      after,
    });
    return toPage(rows, filter.limit, (row) => [new Date(row.created_at).toISOString(), row.id]);
  }

  async find(viewer: Viewer, id: string, organizationId?: number): Promise<AuditLogRow | undefined> {
    requirePermission(viewer, 'auditlog_read');
    const row = await this.logs.findById(id);
    if (!row) return undefined;
    if (!viewer.isSuperuser && row.organization_id !== viewer.organizationId) return undefined;
    if (organizationId !== undefined && row.organization_id !== organizationId) return undefined;
    return row;
  }

  async get(viewer: Viewer, id: string, organizationId?: number): Promise<AuditLogRow> {
    const row = await this.find(viewer, id, organizationId);
    if (!row) throw new NotFoundError('Audit log entry not found');
    return row;
  }
}
