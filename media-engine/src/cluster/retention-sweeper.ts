import type { Logger } from '@argus/core';
import { cameraRecordingDir } from '../recording/recording-layout.js';
import { enforceRetention } from '../recording/retention.js';
import type { CameraDirectory } from './scheduled-camera.js';

export interface RetentionSweeperOptions {
  readonly recordingsDir: string;
  /** the cameras and their retention_days (the scheduler's directory) */
  readonly cameras: CameraDirectory;
  /** the cameras this server holds the lease of: only their folders are swept */
  readonly owned: () => readonly string[];
  /** period of a sweep (RECORDING_RETENTION_INTERVAL_MS) */
  readonly intervalMs: number;
  readonly logger?: Logger;
}

/**
 * Deletes recorded segments older than each owned camera's video_storage.retention_days, now
 * and every intervalMs (sweeps never overlap). What it deletes disappears from the segment index,
 * and so from GET /segments, at once: the listing reads the same folders.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly o: RetentionSweeperOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One sweep over the owned cameras; a failure is logged and the next sweep tries again. */
  async sweep(now = Date.now()): Promise<number> {
    const owned = new Set(this.o.owned());
    if (owned.size === 0) return 0;
    let deleted = 0;
    for (const camera of await this.o.cameras.list()) {
      const days = camera.retentionDays;
      if (!owned.has(camera.id) || typeof days !== 'number' || !(days > 0)) continue;
      const result = await enforceRetention(cameraRecordingDir(this.o.recordingsDir, camera.id), days, now);
      if (result.deletedSegments > 0) {
        this.o.logger?.info(
          { camera: camera.id, deletedSegments: result.deletedSegments, deletedBytes: result.deletedBytes },
          'retention deleted old segments',
        );
      }
      deleted += result.deletedSegments;
    }
    return deleted;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.sweep()
        .then(
          () => undefined,
          (err: unknown) => this.o.logger?.warn({ err }, 'retention sweep failed'),
        )
        .finally(() => this.schedule(this.o.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
