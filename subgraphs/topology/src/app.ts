import {
  SubgraphClient,
  createSubgraphApp,
  identityClients,
  RemoteUploadCatalog,
  type Database,
  type SubgraphApp,
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

export interface TopologyDeps {
  /** a database shared with other parts (all-in-one); otherwise the app opens its own */
  readonly database?: Database;
  /**
   * checks plan images (uploads of kind `plan`); by default the media part's catalog at MEDIA_URL
   * (in one process: the media app's `uploads`)
   */
  readonly uploads?: UploadCatalog;
}

export type TopologyApp = SubgraphApp<TopologyServices>;

export { topologyConfig, type TopologyConfig } from './config.js';
export { buildSchema } from './schema/index.js';

export function buildApp(config: TopologyConfig, deps: TopologyDeps = {}): TopologyApp {
  return createSubgraphApp({
    part: 'topology',
    config,
    database: deps.database,
    dbSchema: TOPOLOGY_SCHEMA,
    migrations: new URL('../migrations/', import.meta.url),
    schema: buildSchema,
    async assemble({ database }) {
      const db = topologyDb(database.db);
      const fromIdentity = identityClients(config.identityUrl, config.internalKey);
      const services = createServices(db, {
        identity: new RemoteIdentityDirectory(new SubgraphClient(config.identityUrl, config.internalKey)),
        audit: fromIdentity.audit,
        uploads: deps.uploads ?? new RemoteUploadCatalog(config.mediaUrl, config.internalKey),
      });
      return {
        services,
        authenticator: fromIdentity.authenticator,
        loaders: (viewer) => createLoaders(services, viewer),
        routes: {
          ...internalCameraRoutes(services.cameraIngest, config.internalKey),
          ...cameraFactsRoute(new CameraRepository(db), config.internalKey),
        },
      };
    },
  });
}
