import type { CameraStatus, OfflineReason } from '../ingest/camera-status.js';

/** Why a camera is offline as stored: what the watchdog saw, or that no stream server ingests it. */
export type StoredOfflineReason = OfflineReason | 'no_stream_server';

/** A camera nobody ingests (no live stream server holds its lease). */
export const NO_STREAM_SERVER: StoredOfflineReason = 'no_stream_server';
/** The detail of an `offline` written for a server that stopped without saying so. */
export const SERVER_WENT_AWAY = 'the stream server ingesting it went away';

/** One stored transition (table streaming.stream_status_events). */
export interface StreamStatusEvent {
  readonly id: number;
  readonly cameraId: string;
  readonly status: CameraStatus;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly streamServerId: string | null;
  readonly at: Date;
}

/** A camera's status now. */
export interface CurrentStreamStatus {
  readonly cameraId: string;
  readonly status: CameraStatus;
  /** null when online */
  readonly reason: string | null;
  /** since when it is in this status; null when nothing was ever recorded */
  readonly since: Date | null;
  /** the stream server ingesting it (holding a valid lease), null when none */
  readonly streamServerId: string | null;
  readonly streamServerHost: string | null;
}

/** A period during which the camera was offline; `end` null while it lasts. */
export interface DowntimePeriod {
  readonly start: Date;
  readonly end: Date | null;
  readonly reason: string | null;
}

/** Uptime of a camera since its first recorded transition. */
export interface StreamUptime {
  readonly cameraId: string;
  /** seconds since the first recorded transition */
  readonly lifetimeSec: number;
  /** share of the lifetime it was online, 0..100 */
  readonly availability: number;
}
