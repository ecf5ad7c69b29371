import type { Logger, UploadCatalog } from '@argus/core';
import type { IdentityConfig } from '../config.js';
import type { IdentityDb } from '../db.js';
import { AuditLogRepository } from '../repositories/audit-log.repository.js';
import { GroupRepository } from '../repositories/group.repository.js';
import { LoginThrottleRepository } from '../repositories/login-throttle.repository.js';
import { OrganizationRepository } from '../repositories/organization.repository.js';
import { OrionIntegrationRepository } from '../repositories/orion-integration.repository.js';
import { OrionSecretBox } from '../orion/orion-secret.js';
import { RoleRepository } from '../repositories/role.repository.js';
import { TokenRepository } from '../repositories/token.repository.js';
import { UserRepository } from '../repositories/user.repository.js';
import { ViewerRepository } from '../repositories/viewer.repository.js';
import { AuditLogService } from './audit-log.service.js';
import { BootstrapService } from './bootstrap.service.js';
import { GroupService } from './group.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { OrganizationService } from './organization.service.js';
import { OrionIntegrationService } from './orion-integration.service.js';
import { RoleService } from './role.service.js';
import { TokenService } from './token.service.js';
import { UserService } from './user.service.js';
import { ViewerService } from './viewer.service.js';

export type IdentityServices = ReturnType<typeof createServices>;

/** Wires repositories into services: the only place that knows both. */
export function createServices(db: IdentityDb, config: IdentityConfig, uploads: UploadCatalog, logger: Logger) {
  const organizations = new OrganizationRepository(db);
  const roles = new RoleRepository(db);
  const users = new UserRepository(db);
  const groups = new GroupRepository(db);
  const tokens = new TokenRepository(db);
  const auditLogs = new AuditLogService(new AuditLogRepository(db), users, roles, groups, organizations);
  const loginThrottle = new LoginThrottleService(new LoginThrottleRepository(db), config.loginThrottle, logger);
  return {
    auditLogs,
    loginThrottle,
    tokens: new TokenService(tokens, users, roles, groups, auditLogs, loginThrottle, config),
    users: new UserService(users, groups, roles, organizations, tokens, uploads, auditLogs, config, loginThrottle),
    organizations: new OrganizationService(organizations, uploads, auditLogs),
    orion: new OrionIntegrationService(
      new OrionIntegrationRepository(db),
      organizations,
      new OrionSecretBox(config.internalKey),
      auditLogs,
      config.orionTimeoutMs,
    ),
    groups: new GroupService(groups, users, organizations, auditLogs),
    roles: new RoleService(roles, auditLogs),
    bootstrap: new BootstrapService(organizations, roles, users, logger),
    tokenStore: tokens,
    viewers: new ViewerService(new ViewerRepository(db)),
  };
}
