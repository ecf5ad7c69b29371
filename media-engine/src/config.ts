import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import {
  commonConfig,
  ConfigError,
  DEFAULT_PORTS,
  int,
  optionalStr,
  partUrl,
  portOf,
  str,
  type CommonConfig,
  type Env,
  parseNetworks,
} from '@argus/core';

export interface MediaEngineConfig extends CommonConfig {
  /** STREAMSERVER_ID: unique among the running stream servers */
  readonly streamServerId: string;
  /** STREAMSERVER_GROUP: only cameras with this scheduler_group (none: cameras without one) */
  readonly group: string | null;
  /** STREAMSERVER_TAGS: cameras whose scheduler_tags are all among these */
  readonly tags: readonly string[];
  /** STREAMSERVER_HOST: where clients reach this server's media (shown by GET /streamservers' reader) */
  readonly streamServerHost: string | null;
  readonly heartbeatMs: number;
  readonly ttlMs: number;
  readonly leaseGuardMs: number;
  /** the topology part's GraphQL endpoint; its internal camera list is next to it */
  readonly topologyUrl: string;
  readonly recordingsDir: string;
  readonly ffmpegPath: string | undefined;
  /** status port (GET /healthz, GET /status); 0 = any free port */
  readonly port: number;
  /** RECORDING_RETENTION_INTERVAL_MS: how often segments past a camera's retention_days are deleted */
  readonly retentionIntervalMs: number;
  /** CLIPS_DIR: where this stream server writes the video clips it cuts (served at /clips/<id>.mp4) */
  readonly clipsDir: string;
  /** ONVIF_TIMEOUT_MS: how long one SOAP request to a camera may take (connecting: twice that) */
  readonly onvifTimeoutMs: number;
  /** STREAM_ALLOWED_NETWORKS: special networks (loopback, link-local, …) a camera's onvif_host may be in */
  readonly allowedNetworks: readonly string[];
  /** MEDIA_URL: the media part's GraphQL endpoint; event reports go to its internal routes next to it */
  readonly mediaUrl: string;
  /** ANALYSIS_MAX_WIDTH: analysed frames wider than this are scaled down to it */
  readonly analysisMaxWidth: number;
  /** EVENT_QUEUE_SIZE: events waiting for the media part at most (the oldest are dropped beyond) */
  readonly eventQueueSize: number;
}

export const STREAMSERVER_DEFAULTS = { heartbeatMs: 3000, ttlMs: 10_000 } as const;

export function mediaEngineConfig(env: Env = process.env): MediaEngineConfig {
  const common = commonConfig(env);
  const heartbeatMs = int(env, 'STREAMSERVER_HEARTBEAT_MS', STREAMSERVER_DEFAULTS.heartbeatMs, 100, 600_000);
  const ttlMs = int(env, 'STREAMSERVER_TTL_MS', STREAMSERVER_DEFAULTS.ttlMs, 300, 3_600_000);
  const leaseGuardMs = int(env, 'STREAMSERVER_LEASE_GUARD_MS', Math.max(100, Math.floor(ttlMs / 5)), 50, 3_600_000);
  if (heartbeatMs + leaseGuardMs >= ttlMs) {
    throw new ConfigError(
      `STREAMSERVER_HEARTBEAT_MS (${heartbeatMs}) + STREAMSERVER_LEASE_GUARD_MS (${leaseGuardMs}) must be less than STREAMSERVER_TTL_MS (${ttlMs})`,
    );
  }
  const id = str(env, 'STREAMSERVER_ID', defaultServerId());
  if (id.length > 128 || !/^[\w.:@-]+$/.test(id))
    throw new ConfigError('STREAMSERVER_ID must be 1–128 letters, digits or . _ : @ -');
  const group = optionalStr(env, 'STREAMSERVER_GROUP') ?? null;
  if (group !== null && group.length > 64) throw new ConfigError('STREAMSERVER_GROUP must be at most 64 characters');
  return Object.freeze({
    ...common,
    streamServerId: id,
    group,
    tags: Object.freeze(parseTags(optionalStr(env, 'STREAMSERVER_TAGS'))),
    streamServerHost: optionalStr(env, 'STREAMSERVER_HOST') ?? null,
    heartbeatMs,
    ttlMs,
    leaseGuardMs,
    topologyUrl: partUrl(env, 'TOPOLOGY_URL', DEFAULT_PORTS.topology),
    recordingsDir: path.resolve(str(env, 'RECORDINGS_DIR', path.join(common.dataDir, 'recordings'))),
    ffmpegPath: optionalStr(env, 'FFMPEG_PATH'),
    port: portOf(env, 'MEDIA_ENGINE_PORT', 0),
    retentionIntervalMs: int(env, 'RECORDING_RETENTION_INTERVAL_MS', 60_000, 100, 86_400_000),
    clipsDir: path.resolve(str(env, 'CLIPS_DIR', path.join(common.dataDir, 'clips'))),
    onvifTimeoutMs: int(env, 'ONVIF_TIMEOUT_MS', 5000, 100, 120_000),
    allowedNetworks: Object.freeze(parseNetworks(env.STREAM_ALLOWED_NETWORKS)),
    mediaUrl: partUrl(env, 'MEDIA_URL', DEFAULT_PORTS.media),
    analysisMaxWidth: int(env, 'ANALYSIS_MAX_WIDTH', 640, 160, 3840),
    eventQueueSize: int(env, 'EVENT_QUEUE_SIZE', 1000, 1, 100_000),
  });
}

/** "a, b,,c" → ["a", "b", "c"] (unique, in order). */
export function parseTags(raw: string | undefined): string[] {
  return [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** hostname-pid, unique enough per machine; a random suffix when the hostname is unusable. */
function defaultServerId(): string {
  const host = hostname()
    .replace(/[^\w.-]/g, '')
    .slice(0, 100);
  return host ? `${host}-${process.pid}` : `streamserver-${randomBytes(6).toString('hex')}`;
}
