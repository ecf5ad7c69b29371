import type { Logger } from '@argus/core';
import type { CameraRestart, CameraStatusChange } from '../ingest/camera-status.js';
import { CameraWatchdog, type CameraWatchdogOptions } from '../ingest/camera-watchdog.js';
import type { CameraIngest } from './camera-ingest.js';
import type { ScheduledCamera } from './scheduled-camera.js';

export interface WatchdogIngestOptions {
  /** RECORDINGS_DIR */
  readonly recordingsDir: string;
  readonly logger?: Logger;
  /** SIGTERM, then SIGKILL after this: must end before the lease could pass to another server */
  readonly stopGraceMs: number;
  /** anything else of the watchdog (ffmpeg options, timeouts, backoff) */
  readonly watchdog?: Partial<
    Omit<CameraWatchdogOptions, 'camera' | 'role' | 'recordingsDir' | 'logger' | 'stopGraceMs'>
  >;
  /** every camera's online/offline transitions (the stream status recorder) */
  readonly onStatus?: (change: CameraStatusChange) => void;
  /** every restart of a camera's ffmpeg (metrics) */
  readonly onRestart?: (restart: CameraRestart) => void;
}

/** Ingest with one CameraWatchdog (one supervised ffmpeg) per camera: recording or a live window. */
export class WatchdogIngest implements CameraIngest {
  private readonly watchdogs = new Map<string, CameraWatchdog>();

  constructor(private readonly options: WatchdogIngestOptions) {}

  start(camera: ScheduledCamera): void {
    if (this.watchdogs.has(camera.id)) return;
    const watchdog = new CameraWatchdog({
      ...this.options.watchdog,
      camera: { id: camera.id, source: camera.source },
      role: camera.recording ? 'record' : 'live',
      recordingsDir: this.options.recordingsDir,
      logger: this.options.logger,
      stopGraceMs: this.options.stopGraceMs,
    });
    this.watchdogs.set(camera.id, watchdog);
    if (this.options.onStatus) watchdog.on('status', this.options.onStatus);
    if (this.options.onRestart) watchdog.on('restart', this.options.onRestart);
    watchdog.start();
  }

  async stop(cameraId: string): Promise<void> {
    const watchdog = this.watchdogs.get(cameraId);
    if (!watchdog) return;
    await watchdog.stop();
    this.watchdogs.delete(cameraId);
  }

  status(cameraId: string) {
    const watchdog = this.watchdogs.get(cameraId);
    if (!watchdog) return undefined;
    const { status, reason } = watchdog.status;
    return { status, reason };
  }

  /** The ffmpeg process of a camera, while one runs. */
  pidOf(cameraId: string): number | undefined {
    return this.watchdogs.get(cameraId)?.pid;
  }
}
