import type { AnalyticsSettings } from '../analysis/analytics-settings.js';
import type { IngestCamera } from '../ffmpeg/camera-source.js';

/** A camera as the scheduler sees it: what to ingest, and where it may be ingested. */
export interface ScheduledCamera extends IngestCamera {
  /** only servers of this group take it; null: only servers without a group */
  readonly schedulerGroup: string | null;
  /** a server must carry every one of these tags */
  readonly schedulerTags: readonly string[];
  /** video_storage.enabled: record HLS segments; otherwise keep a live window only */
  readonly recording: boolean;
  /** video_storage.retention_days: recorded segments older than this are deleted (none: kept) */
  readonly retentionDays?: number | null;
  /** video_analytics: the detectors to run on its frames (none: not analysed) */
  readonly analytics?: AnalyticsSettings | null;
}

/** Where the cameras to schedule come from (topology, or a fixed list in tests). */
export interface CameraDirectory {
  /** Every camera of every organization; throws when the source cannot be reached. */
  list(): Promise<ScheduledCamera[]>;
}

/** A fixed, replaceable list of cameras. */
export class StaticCameraDirectory implements CameraDirectory {
  constructor(private cameras: ScheduledCamera[] = []) {}

  set(cameras: ScheduledCamera[]): void {
    this.cameras = cameras;
  }

  async list(): Promise<ScheduledCamera[]> {
    return [...this.cameras];
  }
}
