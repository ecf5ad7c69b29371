import type { IncomingMessage } from 'node:http';
import type { PartMetrics } from '@argus/core';
import type { StreamServerNode } from './cluster/stream-server-node.js';
import type { CameraRestart } from './ingest/camera-status.js';
import { cameraRecordingDir } from './recording/recording-layout.js';
import { lastSegmentWrite } from './recording/segment-activity.js';

/** What the engine counts as it runs (ffmpeg restarts), next to what is read at each scrape. */
export interface EngineMetrics {
  readonly onRestart: (restart: CameraRestart) => void;
}

/**
 * The media engine's own metrics: cameras it holds the lease of, ffmpeg restarts by reason, and
 * the recording lag — the longest time since a held camera's ffmpeg last completed a segment
 * (one stat per camera per scrape; cameras that have written none yet are left out).
 */
export function engineMetrics(
  metrics: PartMetrics,
  source: { readonly node: () => StreamServerNode | undefined; readonly recordingsDir: string },
): EngineMetrics {
  const restarts = metrics.counter(
    'argus_media_engine_ffmpeg_restarts_total',
    'Restarts of a camera ffmpeg by the watchdog, by reason',
    ['reason'],
  );
  metrics.gauge(
    'argus_media_engine_cameras',
    'Cameras this stream server holds the lease of',
    () => source.node()?.owned().length,
  );
  metrics.gauge(
    'argus_media_engine_recording_lag_seconds',
    'Longest time since a held camera last completed a segment',
    async () => {
      const owned = source.node()?.owned() ?? [];
      const writes = await Promise.all(
        owned.map(({ cameraId }) => lastSegmentWrite(cameraRecordingDir(source.recordingsDir, cameraId))),
      );
      const times = writes.filter((at): at is number => at !== undefined);
      if (times.length === 0) return owned.length === 0 ? 0 : undefined;
      return Math.max(0, (Date.now() - Math.min(...times)) / 1000);
    },
  );
  return { onRestart: (restart) => restarts.inc({ reason: restart.reason }) };
}

const FIXED = new Set(['/healthz', '/status']);
const PREFIXES = ['/recordings/', '/clips/', '/internal/recordings/', '/internal/streams/', '/internal/onvif/'];

/** The engine's routes as operation labels: fixed paths, and each route family by its prefix. */
export function engineRouteOf(req: IncomingMessage): string | undefined {
  const path = (req.url ?? '/').split('?')[0]!;
  if (FIXED.has(path)) return path;
  return PREFIXES.find((prefix) => path.startsWith(prefix));
}
