import { internalRoute, type Route } from '@argus/core';
import type { CameraIngestService } from '../services/camera-ingest.service.js';

/**
 * Endpoints only other Argus parts call (signed with the internal key): the cameras stream servers
 * ingest, and one camera's ONVIF settings (`{ camera_id }` → `{ camera: { id, organization_id, onvif } | null }`).
 */
export function internalCameraRoutes(cameraIngest: CameraIngestService, internalKey: string): Record<string, Route> {
  return {
    '/internal/cameras/ingest': internalRoute<Record<string, never>>(internalKey, async () => ({
      cameras: await cameraIngest.list(),
    })),
    '/internal/cameras/onvif': internalRoute<{ camera_id?: unknown }>(internalKey, async (body) => ({
      camera: await cameraIngest.onvif(body?.camera_id),
    })),
  };
}
