import { internalRoute, type Route } from '@argus/core';
import type { CameraIngestService } from '../services/camera-ingest.service.js';

/** Endpoints only other Argus parts call (signed with the internal key): the cameras stream servers ingest. */
export function internalCameraRoutes(cameraIngest: CameraIngestService, internalKey: string): Record<string, Route> {
  return {
    '/internal/cameras/ingest': internalRoute<Record<string, never>>(internalKey, async () => ({ cameras: await cameraIngest.list() })),
  };
}
