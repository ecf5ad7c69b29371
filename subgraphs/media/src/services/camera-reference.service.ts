import { isUuid } from '@argus/core';
import type { Viewer } from '@argus/core';
import type { TopologyCameras } from './topology-cameras.js';

/** References to topology's cameras (the Camera entity this part extends): only those topology lets the caller see. */
export class CameraReferenceService {
  constructor(private readonly cameras: Pick<TopologyCameras, 'visible'>) {}

  /** The camera's id when the caller sees it (organization and, for group members, their places), else null. */
  async visible(viewer: Viewer, cameraId: string): Promise<{ id: string } | null> {
    if (!isUuid(cameraId)) return null;
    return (await this.cameras.visible(viewer, cameraId)) ? { id: cameraId } : null;
  }
}
