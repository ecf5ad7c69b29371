import { healthRoute, sendJson, type Route } from '@argus/core';
import type { CameraAnalysis } from './analysis/camera-analysis.js';
import type { CameraIngest } from './cluster/camera-ingest.js';
import type { StreamServerNode } from './cluster/stream-server-node.js';

/** GET /status: this stream server and the cameras it ingests (for operators and tests). */
export function statusRoutes(
  node: StreamServerNode,
  ingest: CameraIngest,
  server: { group: string | null; tags: readonly string[] },
  analysis?: CameraAnalysis,
): Record<string, Route> {
  return {
    '/healthz': healthRoute,
    '/status': (_req, res) =>
      sendJson(res, 200, {
        streamserver_id: node.id,
        group: server.group,
        tags: server.tags,
        cameras: node.owned().map(({ cameraId, acquiredAt }) => ({
          camera_id: cameraId,
          acquired_at: acquiredAt.toISOString(),
          status: ingest.status(cameraId)?.status ?? 'unknown',
          reason: ingest.status(cameraId)?.reason ?? null,
          analytics: analysis?.status(cameraId) ?? null,
        })),
      }),
  };
}
