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
  type UploadCatalog,
} from '@argus/core';
import type { TopologyConfig } from './config.js';
import { TOPOLOGY_SCHEMA, topologyDb } from './db.js';
import { internalCameraRoutes } from './http/internal-routes.js';
import { cameraFactsRoute } from './http/camera-facts-route.js';
import { CameraRepository } from './repositories/camera.repository.js';
import { createLoaders } from './loaders.js';
import { buildSchema } from './schema/index.js';
import { RemoteIdentityDirectory } from './services/identity-directory.js';
import { createServices, type TopologyServices } from './services/index.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface TopologyDeps {
  /** a database shared with other parts (all-in-one); otherwise the app opens its own */
  readonly database?: Database;
  /**
   * checks plan images (uploads of kind `plan`); by default the media part's catalog at MEDIA_URL
   * (in one process: the media app's `uploads`)
   */
  readonly uploads?: UploadCatalog;
}

export interface TopologyApp {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
  readonly services: () => TopologyServices;
}

export { topologyConfig, type TopologyConfig } from './config.js';
export { buildSchema } from './schema/index.js';

export function buildApp(config: TopologyConfig, deps: TopologyDeps = {}): TopologyApp {
  const logger = createLogger('topology', config.logLevel);
  let database: Database | undefined;
  let server: RunningServer | undefined;
  let services: TopologyServices | undefined;

  return {
    services: () => {
      if (!services) throw new Error('topology is not started');
      return services;
    },
    async start() {
      database = deps.database ?? (await openDatabase(config.database));
      const fromIdentity = identityClients(config.identityUrl, config.internalKey);
      await migrateSchema(database.db, TOPOLOGY_SCHEMA, MIGRATIONS);
      const svc = createServices(topologyDb(database.db), {
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
        observability: { part: 'topology', config: config.metrics, database },
        context: async (headers, clientIp) => {
          const base = await requestContext(headers, clientIp, {
            internalKey: config.internalKey,
            authenticator: fromIdentity.authenticator,
          });
          return { ...base, services: svc, loaders: createLoaders(svc, base.viewer) };
        },
        routes: {
          '/healthz': healthRoute,
          ...internalCameraRoutes(svc.cameraIngest, config.internalKey),
          ...cameraFactsRoute(new CameraRepository(topologyDb(database.db)), config.internalKey),
        },
      });
      logger.info({ url: server.url }, 'topology subgraph listening');
      return { url: server.url };
    },
    async stop() {
      await server?.close();
      if (!deps.database) await database?.close();
      server = undefined;
    },
  };
}
