import {
  SubgraphClient,
  createSubgraphApp,
  identityClients,
  RemoteUploadCatalog,
  type Database,
  type SubgraphApp,
} from '@argus/core';
import type { WatchlistsConfig } from './config.js';
import { WATCHLISTS_SCHEMA, watchlistsDb } from './db.js';
import { createLoaders } from './loaders.js';
import { internalMatchRoutes } from './http/internal-match-routes.js';
import { WatchlistMatchRepository } from './repositories/watchlist-match.repository.js';
import { buildSchema } from './schema/index.js';
import { RemoteIdentityDirectory } from './services/identity-directory.js';
import { createServices, type UploadChecker, type WatchlistsServices } from './services/index.js';

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

export type WatchlistsApp = SubgraphApp<WatchlistsServices>;

export { watchlistsConfig, type WatchlistsConfig } from './config.js';
export type { UploadChecker } from './services/index.js';
export { buildSchema } from './schema/index.js';

export function buildApp(config: WatchlistsConfig, deps: WatchlistsDeps = {}): WatchlistsApp {
  return createSubgraphApp({
    part: 'watchlists',
    config,
    database: deps.database,
    dbSchema: WATCHLISTS_SCHEMA,
    migrations: new URL('../migrations/', import.meta.url),
    schema: buildSchema,
    async assemble({ database }) {
      const db = watchlistsDb(database.db);
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
        routes: internalMatchRoutes(new WatchlistMatchRepository(db), config.internalKey),
      };
    },
  });
}
