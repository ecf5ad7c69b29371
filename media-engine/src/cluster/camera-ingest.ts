import type { CameraStatus, OfflineReason } from '../ingest/camera-status.js';
import type { ScheduledCamera } from './scheduled-camera.js';

/** What a stream server does with a camera it holds the lease of. */
export interface CameraIngest {
  /** Starts ingesting (returns at once; the ingest supervises itself). */
  start(camera: ScheduledCamera): void;
  /** Stops ingesting and resolves once nothing of it runs any more. */
  stop(cameraId: string): Promise<void>;
  /** The camera's state, when it is being ingested. */
  status(cameraId: string): { status: CameraStatus | 'unknown'; reason: OfflineReason | null } | undefined;
}
