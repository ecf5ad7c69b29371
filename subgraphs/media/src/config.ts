import path from 'node:path';
import {
  bool,
  commonConfig,
  DEFAULT_PORTS,
  int,
  optionalStr,
  partUrl,
  portOf,
  str,
  type CommonConfig,
  type Env,
} from '@argus/core';
import { parseNetworks } from './services/stream-target.js';

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
  });
}
