import type { TypedOperationSpecs } from '../graphql/types.js';
import { toAuditLogOrder, toRestAuditLog } from '../models/audit-log.js';
import { toRestPage } from '../models/pagination.js';
import { pageVariables } from './operation.js';

/** 1.x */
export const auditLogOperations = {
  listAuditLogs: {
    field: 'auditLogs',
    variables: (r) => ({
      ...pageVariables(r),
      userIds: r.query.user_ids,
      actionTypes: r.query.action_types,
      createdAtFrom: r.query.created_at_from,
      createdAtTo: r.query.created_at_to,
      orderBy: toAuditLogOrder(r.query.order_by),
      organizationId: r.query.organization_id,
    }),
    toRest: (connection) => toRestPage('auditlogs', connection, toRestAuditLog),
  },
  getAuditLog: {
    field: 'auditLog',
    variables: (r) => ({ id: r.params.auditlog_id, organizationId: r.query.organization_id }),
    notFound: 'Audit log entry not found',
    toRest: toRestAuditLog,
  },
} satisfies TypedOperationSpecs;
