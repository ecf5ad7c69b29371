import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SubgraphClient,
  createLogger,
  identityClients,
  healthRoute,
  migrateSchema,
  openDatabase,
  RemoteUploadCatalog,
  requestContext,
  startGraphqlServer,
  type Database,
  type RunningServer,
} from '@argus/core';
import type { WatchlistsConfig } from './config.js';
import { WATCHLISTS_SCHEMA, watchlistsDb } from './db.js';
import { createLoaders } from './loaders.js';
import { internalMatchRoutes } from './http/internal-match-routes.js';
import { WatchlistMatchRepository } from './repositories/watchlist-match.repository.js';
import { buildSchema } from './schema/index.js';
import { RemoteIdentityDirectory } from './services/identity-directory.js';
import { createServices, type UploadChecker, type WatchlistsServices } from './services/index.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface WatchlistsDeps {
  /** a database shared with other parts (all-in-one); otherwise the app opens its own */
  readonly database?: Database;
  /**
   * checks face images (uploads of kind `face_image`) and vehicle images (`vehicle_image`) in the
   * caller's organization; by default the media part's catalog at MEDIA_URL (in one process: the
   * media app's `uploads`)
   */
  readonly uploads?: UploadChecker;
}

export interface WatchlistsApp {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
  readonly services: () => WatchlistsServices;
}

export { watchlistsConfig, type WatchlistsConfig } from './config.js';
export type { UploadChecker } from './services/index.js';
export { buildSchema } from './schema/index.js';

export function buildApp(config: WatchlistsConfig, deps: WatchlistsDeps = {}): WatchlistsApp {
  const logger = createLogger('watchlists', config.logLevel);
  let database: Database | undefined;
  let server: RunningServer | undefined;
  let services: WatchlistsServices | undefined;

  return {
    services: () => {
      if (!services) throw new Error('watchlists is not started');
      return services;
    },
    async start() {
      database = deps.database ?? (await openDatabase(config.database));
      const fromIdentity = identityClients(config.identityUrl, config.internalKey);
      await migrateSchema(database.db, WATCHLISTS_SCHEMA, MIGRATIONS);
      const svc = createServices(watchlistsDb(database.db), {
        identity: new RemoteIdentityDirectory(new SubgraphClient(config.identityUrl, config.internalKey)),
        audit: fromIdentity.audit,
        uploads: deps.uploads ?? new RemoteUploadCatalog(config.mediaUrl, config.internalKey),
      });
      services = svc;
      server = await startGraphqlServer({
        schema: buildSchema(),
        host: config.host,
        port: config.port,
        logger,
        graphql: config.graphql,
        observability: { part: 'watchlists', config: config.metrics, database },
        context: async (headers, clientIp) => {
          const base = await requestContext(headers, clientIp, {
            internalKey: config.internalKey,
            authenticator: fromIdentity.authenticator,
          });
          return { ...base, services: svc, loaders: createLoaders(svc, base.viewer) };
        },
        routes: {
          '/healthz': healthRoute,
          ...internalMatchRoutes(new WatchlistMatchRepository(watchlistsDb(database.db)), config.internalKey),
        },
      });
      logger.info({ url: server.url }, 'watchlists subgraph listening');
      return { url: server.url };
    },
    async stop() {
      await server?.close();
      if (!deps.database) await database?.close();
      server = undefined;
    },
  };
}
