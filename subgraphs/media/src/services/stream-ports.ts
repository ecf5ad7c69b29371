import type { Kysely } from 'kysely';
import type { Logger } from '@argus/core';
import { streamInfo, verifyStream } from '@argus/media-engine/probe';
import { StreamStatusReader } from '@argus/media-engine/status';
import type { TopologyCameras } from './topology-cameras.js';
import { StreamStatusFollower } from './stream-status-follower.js';
import type { StreamServiceOptions } from './stream.service.js';

/** Bounds of the probes: verify answers within 8 s, info within 12 s (connect + a 2 s sample). */
export const STREAM_PROBE_TIMEOUTS = { verifyMs: 8000, infoMs: 12_000 } as const;

/** What the stream service needs in a media process: the engine's status reader on the shared database, the cameras, ffprobe. */
export function streamPorts(db: Kysely<any>, cameras: TopologyCameras, logger?: Logger): StreamServiceOptions {
  const statuses = new StreamStatusReader(db);
  return {
    statuses,
    cameras,
    prober: {
      verify: (link, timeoutMs) => verifyStream(link, timeoutMs, { logger }),
      info: (source, timeoutMs) => streamInfo(source, { timeoutMs, logger }),
    },
    follower: new StreamStatusFollower(statuses, 1000, logger),
    verifyTimeoutMs: STREAM_PROBE_TIMEOUTS.verifyMs,
    infoTimeoutMs: STREAM_PROBE_TIMEOUTS.infoMs,
  };
}
