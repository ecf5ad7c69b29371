import { uploadContentUrl } from '@argus/core';
import type { AuditLogRow } from '../repositories/audit-log.repository.js';
import { AuditActionTypeEnum } from './audit-action-type.enum.js';
import { builder, connectionOf } from './builder.js';
import { AuditUser } from './audit-user.type.js';

export const AuditLog = builder.objectRef<AuditLogRow>('AuditLog').implement({
  description: 'Who did what, when and from where; a snapshot that outlives changes to the user',
  fields: (t) => ({
    id: t.exposeID('id'),
    actionType: t.field({ type: AuditActionTypeEnum, resolve: (log) => log.action_type as never }),
    createdAt: t.field({ type: 'DateTime', resolve: (log) => log.created_at }),
    clientIp: t.exposeString('client_ip', { nullable: true }),
    meta: t.field({ type: 'JSON', resolve: (log) => log.meta }),
    organizationId: t.exposeInt('organization_id'),
    organizationName: t.exposeString('organization_name'),
    user: t.field({
      type: AuditUser,
      resolve: (log) => ({
        id: log.user_id,
        email: log.user_email,
        firstName: log.user_first_name,
        lastName: log.user_last_name,
        avatarId: log.user_avatar_id,
        avatarUrl: uploadContentUrl(log.user_avatar_id),
        roleId: log.user_role_id,
        roleName: log.user_role_name,
        groups: log.user_groups,
        isSuperuser: log.user_is_superuser,
      }),
    }),
  }),
});

export const AuditLogConnection = connectionOf('AuditLogConnection', () => AuditLog);
