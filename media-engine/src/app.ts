import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, migrateSchema, openDatabase, sendJson, type Database, type Logger } from '@argus/core';
import type { CameraIngest } from './cluster/camera-ingest.js';
import type { CameraDirectory } from './cluster/scheduled-camera.js';
import { StreamServerNode } from './cluster/stream-server-node.js';
import { STREAMING_MIGRATIONS, STREAMING_SCHEMA } from './cluster/streaming-db.js';
import { TopologyCameraDirectory } from './cluster/topology-camera-directory.js';
import { WatchdogIngest } from './cluster/watchdog-ingest.js';
import type { MediaEngineConfig } from './config.js';
import { statusRoutes } from './status-routes.js';

export interface MediaEngineDeps {
  /** a database shared with other parts; otherwise the engine opens its own */
  readonly database?: Database;
  /** where cameras come from; by default the topology part at TOPOLOGY_URL */
  readonly cameras?: CameraDirectory;
  /** what to do with an owned camera; by default a CameraWatchdog (ffmpeg) per camera */
  readonly ingest?: CameraIngest;
  readonly logger?: Logger;
}

export interface MediaEngineApp {
  /** registers the stream server, starts scheduling and the status endpoint */
  start(): Promise<{ url: string }>;
  /** stops every ingest, releases the leases, deregisters */
  stop(): Promise<void>;
  readonly node: () => StreamServerNode;
}

export { mediaEngineConfig, type MediaEngineConfig } from './config.js';

export function buildApp(config: MediaEngineConfig, deps: MediaEngineDeps = {}): MediaEngineApp {
  const logger = deps.logger ?? createLogger('media-engine', config.logLevel);
  let database: Database | undefined;
  let node: StreamServerNode | undefined;
  let server: Server | undefined;

  return {
    node: () => {
      if (!node) throw new Error('the media engine is not started');
      return node;
    },
    async start() {
      database = deps.database ?? (await openDatabase(config.database));
      await migrateWithRetry(database, logger);
      const ingest = deps.ingest ?? new WatchdogIngest({
        recordingsDir: config.recordingsDir,
        logger,
        stopGraceMs: Math.max(100, Math.floor(config.leaseGuardMs / 2)),
        watchdog: { ffmpegPath: config.ffmpegPath },
      });
      node = new StreamServerNode({
        server: { id: config.streamServerId, group: config.group, tags: config.tags, host: config.streamServerHost, ttlMs: config.ttlMs },
        heartbeatMs: config.heartbeatMs,
        leaseGuardMs: config.leaseGuardMs,
        db: database.db,
        cameras: deps.cameras ?? new TopologyCameraDirectory(config.topologyUrl, config.internalKey),
        ingest,
        logger,
      });
      await node.start();
      const routes = statusRoutes(node, ingest, config);
      server = createServer((req, res) => {
        const route = req.method === 'GET' ? routes[new URL(req.url ?? '/', 'http://x').pathname] : undefined;
        if (!route) return sendJson(res, 404, { detail: 'Not found' });
        void route(req, res);
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(config.port, config.host, resolve);
      });
      const { port } = server.address() as AddressInfo;
      const url = `http://${config.host}:${port}`;
      logger.info({ url, streamserver: config.streamServerId, recordingsDir: config.recordingsDir }, 'media engine started');
      return { url };
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
      await node?.stop();
      if (!deps.database) await database?.close();
    },
  };
}

/** Engines started together race to create the schema; the loser retries once the winner is done. */
async function migrateWithRetry(database: Database, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateSchema(database.db, STREAMING_SCHEMA, STREAMING_MIGRATIONS);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      logger.warn({ err: (err as Error).message, attempt }, 'migrating the streaming schema failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
