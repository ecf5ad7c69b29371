import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  healthRoute,
  internalRoute,
  migrateSchema,
  openDatabase,
  RemoteUploadCatalog,
  requestContext,
  startGraphqlServer,
  type AuditEntry,
  type Database,
  type RunningServer,
  type UploadCatalog,
  type Viewer,
} from '@argus/core';
import type { IdentityConfig } from './config.js';
import { IDENTITY_SCHEMA, identityDb } from './db.js';
import { createLoaders } from './loaders.js';
import { buildSchema } from './schema/index.js';
import { createServices, type IdentityServices } from './services/index.js';
import type { FirstStart } from './services/bootstrap.service.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface IdentityDeps {
  /** a database shared with other parts (all-in-one); otherwise the app opens its own */
  readonly database?: Database;
  readonly uploads?: UploadCatalog;
}

export interface IdentityApp {
  start(): Promise<{ url: string; firstStart: FirstStart }>;
  stop(): Promise<void>;
  readonly services: () => IdentityServices;
}

export { identityConfig, type IdentityConfig } from './config.js';
export { buildSchema } from './schema/index.js';

export function buildApp(config: IdentityConfig, deps: IdentityDeps = {}): IdentityApp {
  const logger = createLogger('identity', config.logLevel);
  let database: Database | undefined;
  let server: RunningServer | undefined;
  let services: IdentityServices | undefined;
  let sweeper: NodeJS.Timeout | undefined;

  return {
    services: () => {
      if (!services) throw new Error('identity is not started');
      return services;
    },
    async start() {
      database = deps.database ?? (await openDatabase(config.database));
      await migrateSchema(database.db, IDENTITY_SCHEMA, MIGRATIONS);
      const svc = createServices(
        identityDb(database.db),
        config,
        deps.uploads ?? new RemoteUploadCatalog(config.mediaUrl, config.internalKey),
        logger,
      );
      services = svc;
      const firstStart = await svc.bootstrap.run({ email: config.adminEmail, password: config.adminPassword });
      const authenticator = {
        authenticate: (token: string, clientIp?: string) => svc.tokens.authenticate(token, clientIp),
      };
      server = await startGraphqlServer({
        schema: buildSchema(),
        host: config.host,
        port: config.port,
        logger,
        graphql: config.graphql,
        observability: { part: 'identity', config: config.metrics, database },
        context: async (headers, clientIp) => ({
          ...(await requestContext(headers, clientIp, { internalKey: config.internalKey, authenticator })),
          services: svc,
          loaders: createLoaders(svc),
        }),
        routes: {
          '/healthz': healthRoute,
          '/internal/introspect': internalRoute<{ token: string; clientIp?: string }>(config.internalKey, (body) =>
            svc.tokens.authenticate(body.token, body.clientIp),
          ),
          '/internal/audit': internalRoute<{ viewer: Viewer; entry: AuditEntry }>(config.internalKey, (body) =>
            svc.auditLogs.record(body.viewer, body.entry),
          ),
        },
      });
      sweeper = setInterval(() => {
        void svc.tokenStore.deleteExpired().catch((err: unknown) => logger.warn({ err }, 'token sweep failed'));
        void svc.loginThrottle.sweep().catch((err: unknown) => logger.warn({ err }, 'sign-in throttle sweep failed'));
      }, 3_600_000);
      sweeper.unref();
      logger.info({ url: server.url }, 'identity subgraph listening');
      return { url: server.url, firstStart };
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await server?.close();
      if (!deps.database) await database?.close();
      server = undefined;
    },
  };
}
