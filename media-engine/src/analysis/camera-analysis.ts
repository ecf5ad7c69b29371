import type { Logger } from '@argus/core';
import type { RecognitionEventReport } from '../client/recognition-events.js';
import type { CameraIngest } from '../cluster/camera-ingest.js';
import type { CameraDirectory, ScheduledCamera } from '../cluster/scheduled-camera.js';
import type { BackoffOptions } from '../ingest/backoff.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { analyticsFingerprint, runsAnalysis } from './analytics-settings.js';
import { CameraAnalyser, type CameraAnalyserStatus } from './camera-analyser.js';
import { sharedFrameFaceAnalyzer, type FrameFaceAnalyzer } from './frame-face-analyzer.js';
import { sharedFramePlateReader, type FramePlateReader } from '../plates/plate-reader.js';

export interface CameraAnalysisOptions {
  readonly streamServerId: string;
  /** every event with the frame it describes (the engine: JPEG + EventPublisher) */
  readonly sink: (report: RecognitionEventReport, frame: AnalysisFrame) => void;
  readonly maxWidth: number;
  readonly ffmpegPath?: string;
  readonly logger?: Logger;
  readonly faceAnalyzer?: () => Promise<FrameFaceAnalyzer>;
  readonly plateReader?: () => Promise<FramePlateReader>;
  readonly stallTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly stopGraceMs?: number;
}

/**
 * The analysers of the cameras this engine ingests: one per camera whose video_analytics turns
 * a detector on, started and stopped with its ingest, and restarted alone (the recording is
 * left running) when its analytics settings change.
 */
export class CameraAnalysis {
  private readonly analysers = new Map<
    string,
    { analyser: CameraAnalyser; fingerprint: string; camera: ScheduledCamera }
  >();
  private readonly ingested = new Map<string, ScheduledCamera>();
  private ops: Promise<void> = Promise.resolve();

  constructor(private readonly o: CameraAnalysisOptions) {}

  /** The camera is now ingested: analyse it if a detector is on. */
  start(camera: ScheduledCamera): void {
    this.ingested.set(camera.id, camera);
    this.serial(async () => this.apply(camera));
  }

  /** The camera is no longer ingested. */
  stop(cameraId: string): Promise<void> {
    this.ingested.delete(cameraId);
    return this.serial(async () => this.halt(cameraId));
  }

  /** The camera list was read again: follow analytics changes of the cameras ingested here. */
  update(cameras: readonly ScheduledCamera[]): void {
    for (const camera of cameras) {
      if (!this.ingested.has(camera.id)) continue;
      this.ingested.set(camera.id, camera);
      const running = this.analysers.get(camera.id);
      if ((running?.fingerprint ?? analyticsFingerprint(null)) !== analyticsFingerprint(camera.analytics))
        this.serial(async () => this.apply(camera));
    }
  }

  status(cameraId: string): CameraAnalyserStatus | undefined {
    return this.analysers.get(cameraId)?.analyser.status;
  }

  analyser(cameraId: string): CameraAnalyser | undefined {
    return this.analysers.get(cameraId)?.analyser;
  }

  async stopAll(): Promise<void> {
    this.ingested.clear();
    await this.serial(async () => {
      await Promise.all([...this.analysers.keys()].map((id) => this.halt(id)));
    });
  }

  private async apply(camera: ScheduledCamera): Promise<void> {
    if (this.ingested.get(camera.id) !== camera) return;
    const fingerprint = analyticsFingerprint(camera.analytics);
    const running = this.analysers.get(camera.id);
    if (running && running.fingerprint === fingerprint && sameSource(running.camera, camera)) return;
    if (running) await this.halt(camera.id);
    if (!runsAnalysis(camera.analytics)) return;
    const analyser = new CameraAnalyser({
      camera: { id: camera.id, source: camera.source },
      settings: camera.analytics,
      streamServerId: this.o.streamServerId,
      sink: this.o.sink,
      maxWidth: this.o.maxWidth,
      faceAnalyzer: this.o.faceAnalyzer ?? sharedFrameFaceAnalyzer,
      plateReader: this.o.plateReader ?? sharedFramePlateReader,
      ffmpegPath: this.o.ffmpegPath,
      logger: this.o.logger,
      stallTimeoutMs: this.o.stallTimeoutMs,
      backoff: this.o.backoff,
      stopGraceMs: this.o.stopGraceMs,
    });
    this.analysers.set(camera.id, { analyser, fingerprint, camera });
    this.o.logger?.info({ camera: camera.id, fps: camera.analytics.fps }, 'camera analysis starting');
    analyser.start();
  }

  private async halt(cameraId: string): Promise<void> {
    const running = this.analysers.get(cameraId);
    if (!running) return;
    this.analysers.delete(cameraId);
    await running.analyser.stop();
  }

  private serial(op: () => Promise<void>): Promise<void> {
    const next = this.ops
      .then(op)
      .catch((err: unknown) => this.o.logger?.error({ err }, 'camera analysis operation failed'));
    this.ops = next;
    return next;
  }
}

/** Ingest plus analysis: what the stream server node starts and stops per camera. */
export class AnalysingIngest implements CameraIngest {
  constructor(
    private readonly inner: CameraIngest,
    readonly analysis: CameraAnalysis,
  ) {}

  start(camera: ScheduledCamera): void {
    this.inner.start(camera);
    this.analysis.start(camera);
  }

  async stop(cameraId: string): Promise<void> {
    await Promise.all([this.inner.stop(cameraId), this.analysis.stop(cameraId)]);
  }

  status(cameraId: string) {
    return this.inner.status(cameraId);
  }
}

/** A camera directory whose every answer also updates the analysis (settings changes). */
export function followAnalytics(directory: CameraDirectory, analysis: CameraAnalysis): CameraDirectory {
  return {
    async list() {
      const cameras = await directory.list();
      analysis.update(cameras);
      return cameras;
    },
  };
}

function sameSource(a: ScheduledCamera, b: ScheduledCamera): boolean {
  return JSON.stringify(a.source) === JSON.stringify(b.source);
}
