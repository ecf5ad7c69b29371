import { StreamTargetGuard } from '@argus/core';
import type { Kysely } from 'kysely';
import type { Logger } from '@argus/core';
import {
  EngineDirectory,
  LapsedLeaseRecorder,
  StreamServerClient,
  StreamStatusReader,
} from '@argus/media-engine/client';
import { StreamStatusFollower } from './stream-status-follower.js';
import type { StreamServiceOptions } from './stream.service.js';
import type { TopologyCameras } from './topology-cameras.js';

/** Bounds of the probes: verify answers within 8 s, info within 12 s (connect + a 2 s sample). */
export const STREAM_PROBE_TIMEOUTS = { verifyMs: 8000, infoMs: 12_000 } as const;

/**
 * What the stream service needs in a media process: the engine's status reader and lapsed-lease
 * writer on the shared database, the cameras, and ffprobe run by a media engine (signed calls:
 * the camera's lease holder for info, any live engine for verify).
 */
export function streamPorts(
  db: Kysely<any>,
  cameras: TopologyCameras,
  internalKey: string,
  logger?: Logger,
  allowedNetworks?: readonly string[],
): StreamServiceOptions {
  const statuses = new StreamStatusReader(db);
  const engines = new EngineDirectory(db);
  const client = new StreamServerClient(internalKey);
  return {
    statuses,
    cameras,
    prober: {
      verify: async (link, timeoutMs) => client.verifyStream(await engines.anyLive(), link, timeoutMs),
      info: async (cameraId, timeoutMs) => client.streamInfo(await engines.forCamera(cameraId), cameraId, timeoutMs),
    },
    follower: new StreamStatusFollower(statuses, new LapsedLeaseRecorder(db), 1000, logger),
    verifyTimeoutMs: STREAM_PROBE_TIMEOUTS.verifyMs,
    targets: new StreamTargetGuard(allowedNetworks),
    infoTimeoutMs: STREAM_PROBE_TIMEOUTS.infoMs,
  };
}
