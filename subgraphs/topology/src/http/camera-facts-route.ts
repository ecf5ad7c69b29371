import { internalRoute, isUuid, type Route } from '@argus/core';

/** A camera's organization and place, as the media part stores them on the camera's events. */
export interface CameraFacts {
  readonly id: string;
  readonly organization_id: number;
  readonly place_id: number;
}

export interface CameraFactsSource {
  findById(id: string): Promise<CameraFacts | undefined>;
}

/**
 * `POST /internal/cameras/facts` `{ camera_id }` → `{ camera: { id, organization_id, place_id } | null }`,
 * signed with the internal key: the media part files each recognition event under its camera's
 * organization and place, so that who may see it is decided in SQL.
 */
export function cameraFactsRoute(cameras: CameraFactsSource, internalKey: string): Record<string, Route> {
  return {
    '/internal/cameras/facts': internalRoute<{ camera_id?: unknown }>(internalKey, async (body) => {
      const id = body?.camera_id;
      const row = isUuid(id) ? await cameras.findById(id) : undefined;
      return { camera: row ? { id: row.id, organization_id: row.organization_id, place_id: row.place_id } : null };
    }),
  };
}
