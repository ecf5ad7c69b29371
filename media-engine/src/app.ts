import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  observePart,
  openDatabase,
  sendJson,
  type Database,
  type Logger,
  type Readiness,
  StreamTargetGuard,
} from '@argus/core';
import type { CameraIngest } from './cluster/camera-ingest.js';
import type { CameraDirectory } from './cluster/scheduled-camera.js';
import { StreamServerNode } from './cluster/stream-server-node.js';
import { migrateStreaming } from './cluster/streaming-db.js';
import { TopologyCameraDirectory } from './cluster/topology-camera-directory.js';
import { WatchdogIngest } from './cluster/watchdog-ingest.js';
import type { MediaEngineConfig } from './config.js';
import { RetentionSweeper } from './cluster/retention-sweeper.js';
import { TopologyOnvifSettings } from './onvif/topology-onvif-settings.js';
import { onvifRoutes } from './onvif-routes.js';
import { recordingRoutes } from './recording-routes.js';
import { StreamStatusRecorder } from './status/stream-status.recorder.js';
import { statusRoutes } from './status-routes.js';
import { streamProbeRoutes } from './stream-probe-routes.js';
import { startEngineClips, type EngineClips } from './clips/engine-clips.js';
import { engineMetrics, engineRouteOf } from './engine-metrics.js';
import { engineAnalysis, type EngineAnalysis } from './analysis/engine-analysis.js';

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
  let retention: RetentionSweeper | undefined;
  let recorder: StreamStatusRecorder | undefined;
  let clips: EngineClips | undefined;
  let readiness: Readiness | undefined;
  let analysis: EngineAnalysis | undefined;

  return {
    node: () => {
      if (!node) throw new Error('the media engine is not started');
      return node;
    },
    async start() {
      database = deps.database ?? (await openDatabase(config.database));
      await migrateStreaming(database.db, logger);
      const observed = observePart({ part: 'media-engine', config: config.metrics, database });
      const counted = engineMetrics(observed.metrics, { node: () => node, recordingsDir: config.recordingsDir });
      readiness = observed.readiness;
      // listen first: the stream server registers the address it is reached at (STREAMSERVER_HOST, else this one)
      const dispatch: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
      server = createServer(
        observed.serve(
          (req, res) => (dispatch.handle ? dispatch.handle(req, res) : sendJson(res, 503, { detail: 'Starting' })),
          engineRouteOf,
        ),
      );
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(config.port, config.host, resolve);
      });
      const { port } = server.address() as AddressInfo;
      const address = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      const url = `http://${address}`;

      const statuses = new StreamStatusRecorder(database.db, config.streamServerId, logger);
      const recording =
        deps.ingest ??
        new WatchdogIngest({
          recordingsDir: config.recordingsDir,
          logger,
          stopGraceMs: Math.max(100, Math.floor(config.leaseGuardMs / 2)),
          watchdog: { ffmpegPath: config.ffmpegPath },
          onStatus: (change) => statuses.onStatus(change),
          onRestart: counted.onRestart,
        });
      analysis = engineAnalysis(
        {
          streamServerId: config.streamServerId,
          internalKey: config.internalKey,
          mediaUrl: config.mediaUrl,
          maxWidth: config.analysisMaxWidth,
          eventQueue: config.eventQueueSize,
          ffmpegPath: config.ffmpegPath,
          logger,
        },
        recording,
        deps.cameras ?? new TopologyCameraDirectory(config.topologyUrl, config.internalKey),
      );
      const { ingest, cameras } = analysis;
      const owner = new StreamServerNode({
        server: {
          id: config.streamServerId,
          group: config.group,
          tags: config.tags,
          host: config.streamServerHost ?? address,
          ttlMs: config.ttlMs,
        },
        heartbeatMs: config.heartbeatMs,
        leaseGuardMs: config.leaseGuardMs,
        db: database.db,
        cameras,
        ingest,
        logger,
      });
      node = owner;
      owner.on('acquired', ({ cameraId }) => statuses.onAcquired(cameraId));
      owner.on('released', ({ cameraId, reason }) => statuses.onReleased(cameraId, reason));
      recorder = statuses;
      clips = await startEngineClips({ database, node: owner, config, logger });
      clips.listening(url);
      await owner.start();
      const routes = statusRoutes(owner, ingest, config, analysis.analysis);
      const recordings = recordingRoutes({
        recordingsDir: config.recordingsDir,
        internalKey: config.internalKey,
        logger,
      });
      const clipRoutes = clips.routes;
      const probes = streamProbeRoutes({
        internalKey: config.internalKey,
        source: async (cameraId) => (await cameras.list()).find((c) => c.id === cameraId)?.source,
        logger,
      });
      const onvif = onvifRoutes({
        internalKey: config.internalKey,
        settings: new TopologyOnvifSettings(config.topologyUrl, config.internalKey),
        timeoutMs: config.onvifTimeoutMs,
        targets: new StreamTargetGuard(config.allowedNetworks),
        logger,
      });
      retention = new RetentionSweeper({
        recordingsDir: config.recordingsDir,
        cameras,
        owned: () => owner.owned().map((c) => c.cameraId),
        intervalMs: config.retentionIntervalMs,
        logger,
      });
      retention.start();
      dispatch.handle = (req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const route = req.method === 'GET' ? routes[path] : undefined;
        if (route) return void route(req, res);
        if (recordings.matches(path)) return void recordings.handle(req, res);
        if (clipRoutes.matches(path)) return void clipRoutes.handle(req, res);
        if (probes.matches(path)) return void probes.handle(req, res);
        if (onvif.matches(path)) return void onvif.handle(req, res);
        sendJson(res, 404, { detail: 'Not found' });
      };
      observed.readiness.ready();
      logger.info(
        { url, streamserver: config.streamServerId, recordingsDir: config.recordingsDir },
        'media engine started',
      );
      return { url };
    },
    async stop() {
      readiness?.stopping();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
      await retention?.stop();
      await clips?.stop();
      await node?.stop();
      await analysis?.stop();
      await recorder?.flush();
      if (!deps.database) await database?.close();
    },
  };
}
