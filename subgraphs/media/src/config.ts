import path from 'node:path';
import {
  bool,
  commonConfig,
  DEFAULT_PORTS,
  int,
  oneOf,
  optionalStr,
  partUrl,
  portOf,
  str,
  type CommonConfig,
  type Env,
  parseNetworks,
} from '@argus/core';

export interface MediaConfig extends CommonConfig {
  readonly port: number;
  /** the identity subgraph's GraphQL endpoint: token introspection and the audit log are next to it */
  readonly identityUrl: string;
  readonly graphiql: boolean;
  /** where the local upload store keeps content */
  readonly uploadsDir: string;
  /** largest accepted upload in bytes (REST 400 beyond it) */
  readonly uploadMaxBytes: number;
  /** whether face images are analysed with the media engine's face analyzer in this process */
  readonly faceAnalysis: boolean;
  /** TOPOLOGY_URL: topology's GraphQL endpoint (whether the caller may see a camera) */
  readonly topologyUrl: string;
  /** RECORDING_URL_TTL_SECONDS: how long signed segment and playlist URLs stay valid */
  readonly recordingUrlTtlSeconds: number;
  /** SNAPSHOT_MAX_AGE_MS: a camera snapshot older than this answers 503 (the camera is down) */
  readonly snapshotMaxAgeMs: number;
  /** VIDEOCLIP_USER_QUOTA: unfinished (queued or running) video clips one user may have (REST 429 beyond) */
  readonly videoClipUserQuota: number;
  /** VIDEOCLIP_URL_TTL_SECONDS: how long a clip's signed result URL stays valid */
  readonly videoClipUrlTtlSeconds: number;
  /** STREAM_ALLOWED_NETWORKS: special networks (CIDRs) POST /streams/verify may open besides public addresses */
  readonly streamAllowedNetworks: readonly string[];
  /** WATCHLISTS_URL: the watchlists part's GraphQL endpoint; its internal match routes are next to it */
  readonly watchlistsUrl: string;
  /** EVENT_RETENTION_DAYS: recognition events (and their snapshots) older than this are dropped, a day partition at a time */
  readonly eventRetentionDays: number;
  /** EVENT_SNAPSHOTS_DIR: where event snapshots are kept, one directory per day */
  readonly eventSnapshotsDir: string;
  /** EVENT_SNAPSHOT_MAX_BYTES: largest event snapshot an engine may store */
  readonly eventSnapshotMaxBytes: number;
  /** EVENT_MATCH_THRESHOLD_PERCENT (÷100): cosine similarity at and above which a face event matches a listed face */
  readonly eventMatchThreshold: number;
  /** EVENT_MATCH_MAX_ATTEMPTS: tries of matching an event while watchlists does not answer */
  readonly eventMatchMaxAttempts: number;
  /** EVENT_MATCH_RETRY_MS: wait after the first failed try (doubled after each further one) */
  readonly eventMatchRetryMs: number;
  /**
   * EVENT_FACE_SEARCH: `auto` (pgvector's HNSW index where the database has it, else the sign-signature
   * prefilter before the exact comparison) or `exact` (always compare every descriptor)
   */
  readonly eventFaceSearch: 'auto' | 'exact';
  /** NATS_URL: a NATS server with JetStream; when set, event notices travel there (unless EVENT_FEED says otherwise) */
  readonly natsUrl: string | undefined;
  /** EVENT_FEED: `postgres` (NOTIFY/LISTEN, the default without NATS_URL), `nats`, or `memory` (this process only) */
  readonly eventFeedKind: 'postgres' | 'nats' | 'memory';
  /** EVENT_SUBSCRIBER_BUFFER: events one subscriber may fall behind before it is closed as too slow */
  readonly eventSubscriberBuffer: number;
}

export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export function mediaConfig(env: Env = process.env): MediaConfig {
  const common = commonConfig(env);
  return Object.freeze({
    ...common,
    port: portOf(env, 'MEDIA_PORT', DEFAULT_PORTS.media),
    identityUrl: partUrl(env, 'IDENTITY_URL', DEFAULT_PORTS.identity),
    graphiql: bool(env, 'GRAPHIQL', true),
    uploadsDir: path.resolve(str(env, 'UPLOADS_DIR', path.join(common.dataDir, 'uploads'))),
    uploadMaxBytes: int(env, 'UPLOAD_MAX_BYTES', DEFAULT_UPLOAD_MAX_BYTES, 1, 2 ** 31 - 1),
    faceAnalysis: bool(env, 'FACE_ANALYSIS', true),
    topologyUrl: partUrl(env, 'TOPOLOGY_URL', DEFAULT_PORTS.topology),
    recordingUrlTtlSeconds: int(env, 'RECORDING_URL_TTL_SECONDS', 3600, 10, 7 * 86_400),
    snapshotMaxAgeMs: int(env, 'SNAPSHOT_MAX_AGE_MS', 10_000, 500, 600_000),
    videoClipUserQuota: int(env, 'VIDEOCLIP_USER_QUOTA', 5, 1, 10_000),
    videoClipUrlTtlSeconds: int(env, 'VIDEOCLIP_URL_TTL_SECONDS', 3600, 10, 7 * 86_400),
    streamAllowedNetworks: Object.freeze(parseNetworks(optionalStr(env, 'STREAM_ALLOWED_NETWORKS'))),
    watchlistsUrl: partUrl(env, 'WATCHLISTS_URL', DEFAULT_PORTS.watchlists),
    eventRetentionDays: int(env, 'EVENT_RETENTION_DAYS', 30, 1, 3650),
    eventSnapshotsDir: path.resolve(str(env, 'EVENT_SNAPSHOTS_DIR', path.join(common.dataDir, 'event-snapshots'))),
    eventSnapshotMaxBytes: int(env, 'EVENT_SNAPSHOT_MAX_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    eventMatchThreshold: int(env, 'EVENT_MATCH_THRESHOLD_PERCENT', 50, 0, 100) / 100,
    eventMatchMaxAttempts: int(env, 'EVENT_MATCH_MAX_ATTEMPTS', 8, 1, 100),
    eventMatchRetryMs: int(env, 'EVENT_MATCH_RETRY_MS', 5000, 10, 3_600_000),
    eventFaceSearch: oneOf(env, 'EVENT_FACE_SEARCH', ['auto', 'exact'] as const, 'auto'),
    natsUrl: optionalStr(env, 'NATS_URL'),
    eventFeedKind: oneOf(
      env,
      'EVENT_FEED',
      ['postgres', 'nats', 'memory'] as const,
      optionalStr(env, 'NATS_URL') ? 'nats' : 'postgres',
    ),
    eventSubscriberBuffer: int(env, 'EVENT_SUBSCRIBER_BUFFER', 1000, 1, 1_000_000),
  });
}
