import {
  CameraOwnerReader,
  ClipRequests,
  StreamServerClient,
  StreamServerReader,
  VideoClipReader,
} from '@argus/media-engine/client';
import { cameraSnapshotRoute, CAMERA_SNAPSHOT_PATH } from './http/camera-snapshot-route.js';
import { streamPorts } from './services/stream-ports.js';
import { RemoteTopologyCameras, type TopologyCameras } from './services/topology-cameras.js';
import { OwnerRecordedRanges } from './services/video-clip-ports.js';
import { OnvifEngines } from './services/onvif-engines.js';
import {
  createSubgraphApp,
  identityClients,
  type Database,
  type ScopedUploadCatalog,
  type SubgraphApp,
  type Viewer,
} from '@argus/core';
import type { MediaConfig } from './config.js';
import { MEDIA_SCHEMA, mediaDb } from './db.js';
import { loadFaceAnalysis } from './face/face-analysis.js';
import { toUploadRecord } from './http/rest-upload.js';
import { internalUploadRoutes } from './http/internal-routes.js';
import { CONTENT_PATH, createUploadRoute, uploadContentRoute, uploadMetaRoute } from './http/upload-routes.js';
import { createLoaders } from './loaders.js';
import { buildSchema } from './schema/index.js';
import type { FaceMetaProvider } from './services/face-meta.js';
import { createServices, type MediaServices } from './services/index.js';
import { scopeOf } from './services/upload.service.js';
import { LocalUploadStore } from './storage/local-upload-store.js';
import { eventParts } from './events/event-parts.js';
import { RemoteEventPlaces, type EventPlaces } from './events/event-places.js';
import { eventSnapshotRoute, EVENT_SNAPSHOT_PATH } from './events/http/event-snapshot-route.js';
import type { LiveEventFeed } from './events/live/event-notice.js';
import { LiveEventService } from './events/live/live-event.service.js';
import { openEventFeed } from './events/live/open-event-feed.js';
import { EventRepository } from './repositories/event.repository.js';
import { RemoteWatchlists, type Watchlists } from './events/watchlist-matcher.js';
import type { UploadStore } from './storage/upload-store.js';

export interface MediaDeps {
  /** a database shared with other parts (all-in-one); otherwise the app opens its own */
  readonly database?: Database;
  /** face analysis; by default the media engine's face analyzer (unless FACE_ANALYSIS=false), `null` for none */
  readonly faces?: FaceMetaProvider | null;
  /** where content is kept; by default a local directory (UPLOADS_DIR) */
  readonly store?: UploadStore;
  /** the cameras and which the caller sees; by default topology at TOPOLOGY_URL (or the URL `topologyUrl` returns, asked when needed) */
  readonly cameras?: TopologyCameras;
  readonly topologyUrl?: () => string;
  /** where recognition events are announced and subscribers listen; by default the one EVENT_FEED / NATS_URL picks */
  readonly eventFeed?: LiveEventFeed;
  /** the watchlists events are matched against; by default the watchlists part at WATCHLISTS_URL (or `watchlistsUrl()`) */
  readonly watchlists?: Watchlists;
  readonly watchlistsUrl?: () => string;
  /** cameras' organizations and places, visible places; by default topology */
  readonly eventPlaces?: EventPlaces;
}

export interface MediaApp extends SubgraphApp<MediaServices> {
  /** the uploads catalog for parts in the same process (valid once started) */
  readonly uploads: ScopedUploadCatalog;
}

export { mediaConfig, type MediaConfig } from './config.js';
export { buildSchema } from './schema/index.js';
export type { FaceMeta, FaceMetaProvider, FaceMetaResult } from './services/face-meta.js';
export type { UploadStore } from './storage/upload-store.js';

export function buildApp(config: MediaConfig, deps: MediaDeps = {}): MediaApp {
  const app = createSubgraphApp({
    part: 'media',
    config,
    database: deps.database,
    dbSchema: MEDIA_SCHEMA,
    migrations: new URL('../migrations/', import.meta.url),
    schema: buildSchema,
    async assemble({ database, logger, caller, onStop }) {
      const db = mediaDb(database.db);
      const fromIdentity = identityClients(config.identityUrl, config.internalKey);
      const topologyUrl = () => deps.topologyUrl?.() ?? config.topologyUrl;
      const cameras = deps.cameras ?? new RemoteTopologyCameras(topologyUrl, config.internalKey);
      const store = deps.store ?? (await openLocalStore(config.uploadsDir));
      const faces =
        deps.faces === undefined
          ? config.faceAnalysis
            ? await loadFaceAnalysis(logger)
            : undefined
          : (deps.faces ?? undefined);
      const places = deps.eventPlaces ?? new RemoteEventPlaces(topologyUrl, config.internalKey);
      let feed = deps.eventFeed;
      if (!feed) {
        const own = (feed = await openEventFeed(config, database, logger));
        onStop(() => own.close());
      }
      const events = eventParts(db, config, {
        cameras,
        places,
        watchlists:
          deps.watchlists ??
          new RemoteWatchlists(() => deps.watchlistsUrl?.() ?? config.watchlistsUrl, config.internalKey),
        feed,
        logger,
      });
      await events.start();
      onStop(() => events.stop());
      const clipRequests = new ClipRequests(database, logger);
      onStop(() => clipRequests.close());
      const services = createServices(db, {
        store,
        faces,
        audit: fromIdentity.audit,
        uploadMaxBytes: config.uploadMaxBytes,
        streamServers: new StreamServerReader(database.db),
        recordings: {
          cameras,
          owners: new CameraOwnerReader(database.db),
          servers: new StreamServerClient(config.internalKey),
          internalKey: config.internalKey,
          urlTtlSeconds: config.recordingUrlTtlSeconds,
          snapshotMaxAgeMs: config.snapshotMaxAgeMs,
        },
        videoClips: videoClipPorts(database, config, cameras, clipRequests),
        streams: streamPorts(database.db, cameras, config.internalKey, logger, config.streamAllowedNetworks),
        onvif: { cameras, engines: onvifEngines(database, config) },
        events: events.service,
        liveEvents: new LiveEventService({
          feed,
          events: new EventRepository(db),
          places,
          cameras,
          bufferSize: config.eventSubscriberBuffer,
          logger,
        }),
      });
      onStop(() => services.streams.close());
      const http = { uploads: services.uploads, caller, maxBytes: config.uploadMaxBytes };
      return {
        services,
        authenticator: fromIdentity.authenticator,
        loaders: (viewer) => createLoaders(services, viewer),
        // the largest upload and its form fields
        multipartMaxBytes: config.uploadMaxBytes + 64 * 1024,
        routes: {
          '/uploads': createUploadRoute(http),
          '/uploads/meta': uploadMetaRoute(http),
          ...internalUploadRoutes(services.uploads, config.internalKey),
          ...events.routes.exact,
        },
        routePatterns: [
          [CONTENT_PATH, uploadContentRoute(http)],
          [CAMERA_SNAPSHOT_PATH, cameraSnapshotRoute({ recordings: services.recordings, caller })],
          [EVENT_SNAPSHOT_PATH, eventSnapshotRoute({ events: services.events, caller })],
          ...events.routes.patterns,
        ],
        logFields: { uploadsDir: deps.store ? undefined : config.uploadsDir, faceAnalysis: Boolean(faces) },
      };
    },
  });
  const scope = (viewer?: Viewer) => (viewer ? scopeOf(viewer) : undefined);
  return {
    ...app,
    uploads: {
      exists: (uploadId, kind, viewer) => app.services().uploads.exists(uploadId, kind, scope(viewer)),
      lookup: async (ids, viewer) => (await app.services().uploads.lookup(ids, scope(viewer))).map(toUploadRecord),
    },
  };
}

async function openLocalStore(dir: string): Promise<LocalUploadStore> {
  const store = new LocalUploadStore(dir);
  await store.open();
  return store;
}

/** The clip service's ports: the engine's clip read model and writer, topology, the owners' recordings. */
function videoClipPorts(database: Database, config: MediaConfig, cameras: TopologyCameras, requests: ClipRequests) {
  return {
    clips: new VideoClipReader(database.db),
    requests,
    cameras,
    recorded: new OwnerRecordedRanges(new CameraOwnerReader(database.db), new StreamServerClient(config.internalKey)),
    internalKey: config.internalKey,
    userQuota: config.videoClipUserQuota,
    urlTtlSeconds: config.videoClipUrlTtlSeconds,
  };
}

/** The media engines that talk ONVIF: the camera's lease holder, else any live stream server. */
function onvifEngines(database: Database, config: MediaConfig): OnvifEngines {
  const db = database.db;
  return new OnvifEngines({
    owners: new CameraOwnerReader(db),
    servers: new StreamServerReader(db),
    internalKey: config.internalKey,
  });
}
