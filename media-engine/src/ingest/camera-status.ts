import type { StreamFailureReason } from '../ffmpeg/failure-reason.js';

/** Why a camera is offline: what the source said, or what the watchdog saw. */
export type OfflineReason = StreamFailureReason | 'stalled' | 'exited';

export type CameraStatus = 'online' | 'offline';

/** One status transition, as the media subgraph stores it (streams, stream statuses, downtime). */
export interface CameraStatusChange {
  cameraId: string;
  status: CameraStatus;
  /** Null when online. */
  reason: OfflineReason | null;
  /** Human-readable, redacted (e.g. the ffmpeg line that decided the reason). */
  detail: string | null;
  at: Date;
  previous: CameraStatus | 'unknown';
}

/** A restart the watchdog is about to make. */
export interface CameraRestart {
  cameraId: string;
  reason: OfflineReason;
  detail: string | null;
  /** Wait before the next start. */
  delayMs: number;
  /** Consecutive failed runs. */
  attempt: number;
  /** The exit of the process that ended, with its last stderr lines (redacted). */
  exit: { code: number | null; signal: string | null; forced: boolean; stderrTail: string[] };
}
