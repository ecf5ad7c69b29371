import type { RestAuditLogFragment } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** An audit log entry as the RestAuditLog fragment selects it. */
export type GraphqlAuditLog = RestAuditLogFragment;

export type RestAuditLog = RestSchema<'AuditLog'>;

/** The flat REST AuditLog model: the acting user's snapshot as `user_*` fields. */
export function toRestAuditLog(log: GraphqlAuditLog): RestAuditLog {
  const user = log.user;
  return {
    action_type: log.actionType,
    user_id: user.id,
    client_ip: log.clientIp ?? null,
    meta: (log.meta ?? {}) as RestAuditLog['meta'],
    id: log.id,
    organization_id: log.organizationId,
    organization_name: log.organizationName,
    created_at: log.createdAt,
    user_email: user.email,
    user_first_name: user.firstName,
    user_last_name: user.lastName,
    user_avatar_id: user.avatarId ?? null,
    user_role_id: user.roleId,
    user_role_name: user.roleName,
    user_avatar_url: user.avatarUrl ?? null,
    user_groups: user.groups.map((g) => ({ id: g.id, name: g.name })),
    user_is_superuser: user.isSuperuser,
  };
}

/** REST `order_by` → GraphQL AuditLogOrder. */
export function toAuditLogOrder(orderBy: unknown): 'CREATED_AT_ASC' | 'CREATED_AT_DESC' | undefined {
  if (orderBy === 'created_at') return 'CREATED_AT_ASC';
  if (orderBy === '-created_at') return 'CREATED_AT_DESC';
  return undefined;
}
