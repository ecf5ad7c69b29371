import {
  createSubgraphApp,
  internalRoute,
  RemoteUploadCatalog,
  type AuditEntry,
  type Database,
  type SubgraphApp,
  type UploadCatalog,
  type Viewer,
} from '@argus/core';
import type { IdentityConfig } from './config.js';
import { IDENTITY_SCHEMA, identityDb } from './db.js';
import { createLoaders } from './loaders.js';
import { buildSchema } from './schema/index.js';
import { createServices, type IdentityServices } from './services/index.js';
import type { FirstStart } from './services/bootstrap.service.js';

/** Expired tokens and stale sign-in throttle entries are swept this often. */
const SWEEP_INTERVAL_MS = 3_600_000;

export interface IdentityDeps {
  /** a database shared with other parts (all-in-one); otherwise the app opens its own */
  readonly database?: Database;
  readonly uploads?: UploadCatalog;
}

export type IdentityApp = SubgraphApp<IdentityServices, { firstStart: FirstStart }>;

export { identityConfig, type IdentityConfig } from './config.js';
export { buildSchema } from './schema/index.js';

export function buildApp(config: IdentityConfig, deps: IdentityDeps = {}): IdentityApp {
  return createSubgraphApp({
    part: 'identity',
    config,
    database: deps.database,
    dbSchema: IDENTITY_SCHEMA,
    migrations: new URL('../migrations/', import.meta.url),
    schema: buildSchema,
    async assemble({ database, logger, onStop }) {
      const uploads = deps.uploads ?? new RemoteUploadCatalog(config.mediaUrl, config.internalKey);
      const services = createServices(identityDb(database.db), config, uploads, logger);
      const firstStart = await services.bootstrap.run({ email: config.adminEmail, password: config.adminPassword });
      const sweeper = setInterval(() => {
        void services.tokenStore.deleteExpired().catch((err: unknown) => logger.warn({ err }, 'token sweep failed'));
        void services.loginThrottle
          .sweep()
          .catch((err: unknown) => logger.warn({ err }, 'sign-in throttle sweep failed'));
      }, SWEEP_INTERVAL_MS);
      sweeper.unref();
      onStop(() => clearInterval(sweeper));
      return {
        services,
        authenticator: { authenticate: (token, clientIp) => services.tokens.authenticate(token, clientIp) },
        loaders: () => createLoaders(services),
        routes: {
          '/internal/introspect': internalRoute<{ token: string; clientIp?: string }>(config.internalKey, (body) =>
            services.tokens.authenticate(body.token, body.clientIp),
          ),
          '/internal/audit': internalRoute<{ viewer: Viewer; entry: AuditEntry }>(config.internalKey, (body) =>
            services.auditLogs.record(body.viewer, body.entry),
          ),
        },
        started: { firstStart },
      };
    },
  });
}
