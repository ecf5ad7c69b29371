import type { Logger, UploadCatalog } from '@argus/core';
import type { IdentityConfig } from '../config.js';
import type { IdentityDb } from '../db.js';
import { AuditLogRepository } from '../repositories/audit-log.repository.js';
import { GroupRepository } from '../repositories/group.repository.js';
import { OrganizationRepository } from '../repositories/organization.repository.js';
import { RoleRepository } from '../repositories/role.repository.js';
import { TokenRepository } from '../repositories/token.repository.js';
import { UserRepository } from '../repositories/user.repository.js';
import { AuditLogService } from './audit-log.service.js';
import { BootstrapService } from './bootstrap.service.js';
import { GroupService } from './group.service.js';
import { OrganizationService } from './organization.service.js';
import { RoleService } from './role.service.js';
import { TokenService } from './token.service.js';
import { UserService } from './user.service.js';

export type IdentityServices = ReturnType<typeof createServices>;

/** Wires repositories into services: the only place that knows both. */
export function createServices(db: IdentityDb, config: IdentityConfig, uploads: UploadCatalog, logger: Logger) {
  const organizations = new OrganizationRepository(db);
  const roles = new RoleRepository(db);
  const users = new UserRepository(db);
  const groups = new GroupRepository(db);
  const tokens = new TokenRepository(db);
  const auditLogs = new AuditLogService(new AuditLogRepository(db), users, roles, groups, organizations);
  return {
    auditLogs,
    tokens: new TokenService(tokens, users, roles, groups, auditLogs, config),
    users: new UserService(users, groups, roles, organizations, tokens, uploads, auditLogs),
    organizations: new OrganizationService(organizations, uploads, auditLogs),
    groups: new GroupService(groups, users, organizations, auditLogs),
    roles: new RoleService(roles, auditLogs),
    bootstrap: new BootstrapService(organizations, roles, users, logger),
    tokenStore: tokens,
  };
}
