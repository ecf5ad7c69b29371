import { AUDIT_ACTION_TYPES } from '../services/audit-log.service.js';
import { builder } from './builder.js';

export const AuditActionTypeEnum = builder.enumType('AuditActionType', { values: AUDIT_ACTION_TYPES });
