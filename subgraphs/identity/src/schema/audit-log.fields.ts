import { toConnection } from '@argus/core';
import { AuditActionTypeEnum } from './audit-action-type.enum.js';
import { AuditLog, AuditLogConnection } from './audit-log.type.js';
import { builder, common } from './builder.js';

const AuditLogOrder = builder.enumType('AuditLogOrder', {
  values: { CREATED_AT_ASC: { value: 'created_at' }, CREATED_AT_DESC: { value: '-created_at' } } as const,
});

builder.queryFields((t) => ({
  auditLog: t.field({ type: AuditLog, nullable: true, args: { id: t.arg.id({ required: true }), organizationId: t.arg.int() }, resolve: (_, a, ctx) => ctx.services.auditLogs.find(ctx.viewer, String(a.id), a.organizationId ?? undefined) }),
  auditLogs: t.field({
    type: AuditLogConnection,
    description: 'Newest first by default; without a period, the last 24 hours',
    args: {
      ...common.pageArgs(t.arg),
      userIds: t.arg.intList(),
      actionTypes: t.arg({ type: [AuditActionTypeEnum] }),
      createdAtFrom: t.arg({ type: 'DateTime' }),
      createdAtTo: t.arg({ type: 'DateTime' }),
      orderBy: t.arg({ type: AuditLogOrder }),
      organizationId: t.arg.int(),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.auditLogs.list(ctx.viewer, {
      limit: a.first, cursor: a.after, userIds: a.userIds ?? undefined, actionTypes: a.actionTypes ?? undefined,
      createdAtFrom: a.createdAtFrom ?? undefined, createdAtTo: a.createdAtTo ?? undefined, orderBy: a.orderBy ?? undefined, organizationId: a.organizationId ?? undefined,
    })),
  }),
}));
