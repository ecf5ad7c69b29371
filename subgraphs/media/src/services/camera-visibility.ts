import type { SubgraphClient, Viewer } from '@argus/core';

/** Whether the caller may see a camera (its organization and, for group members, their places): topology decides. */
export interface CameraVisibility {
  visible(viewer: Viewer, cameraId: string): Promise<boolean>;
}

const CAMERA = 'query($id:ID!){ camera(id:$id){ id } }';

/** Asks topology's `camera(id)` on behalf of the caller: null there (unknown or not visible) is not visible here. */
export class RemoteCameraVisibility implements CameraVisibility {
  constructor(private readonly client: SubgraphClient) {}

  async visible(viewer: Viewer, cameraId: string): Promise<boolean> {
    const data = await this.client.request<{ camera: { id: string } | null }>(withCameraRead(viewer), CAMERA, { id: cameraId });
    return data.camera !== null;
  }
}

/**
 * The lookup is this part's own check, not a camera read by the caller: a caller with
 * segment_read but not camera_read is still confined to the cameras topology lets them see.
 */
function withCameraRead(viewer: Viewer): Viewer {
  return viewer.permissions.includes('camera_read') ? viewer : { ...viewer, permissions: [...viewer.permissions, 'camera_read'] };
}
