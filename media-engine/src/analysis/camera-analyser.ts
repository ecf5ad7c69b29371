import { randomUUID } from 'node:crypto';
import type { Logger } from '@argus/core';
import {
  OBJECT_CLASSES,
  type Box,
  type CrossingDirection,
  type ObjectClass,
  type RecognitionEventReport,
} from '../client/recognition-events.js';
import type { IngestCamera } from '../ffmpeg/camera-source.js';
import type { BackoffOptions } from '../ingest/backoff.js';
import type { FramePlateReader } from '../plates/plate-reader.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { AnalyticsSettings } from './analytics-settings.js';
import { FaceSightings } from './face-sightings.js';
import { FaceStage, type FaceTrackEvent } from './face-stage.js';
import type { FrameFaceAnalyzer } from './frame-face-analyzer.js';
import { FrameSource, type FrameSourceStatus } from './frame-source.js';
import { centroid } from './geometry.js';
import { LineCrossingWatch, pixelLine, RecentCrossings, type PixelLine } from './line-crossing.js';
import { MotionDetector, type MotionBlob, type MotionEpisodeEvent } from './motion-detector.js';
import { PlateStage, type PlateTrackEvent } from './plate-stage.js';
import { Tracker } from './tracker.js';

/** Where an analyser's events go: the report and a frame to make its snapshot from. */
export type EventSink = (report: RecognitionEventReport, frame: AnalysisFrame) => void;

export interface CameraAnalyserOptions {
  readonly camera: IngestCamera;
  readonly settings: AnalyticsSettings;
  readonly streamServerId: string;
  readonly sink: EventSink;
  /** frames wider than this are scaled down for analysis */
  readonly maxWidth: number;
  /** the engine's face analyzer, loaded when a camera first needs it */
  readonly faceAnalyzer: () => Promise<FrameFaceAnalyzer>;
  /** the engine's plate reader, loaded when a camera first needs it */
  readonly plateReader: () => Promise<FramePlateReader>;
  readonly ffmpegPath?: string;
  readonly logger?: Logger;
  readonly stallTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly stopGraceMs?: number;
}

export interface CameraAnalyserStatus {
  readonly state: 'running' | 'down';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly since: string;
  readonly frames: number;
  readonly restarts: number;
  /** frames face detection skipped because it was still busy with an earlier one */
  readonly faceFramesDropped: number;
  readonly faceFramesAnalysed: number;
  /** frames plate reading skipped because it was still busy with an earlier one */
  readonly plateFramesDropped: number;
  readonly plateFramesAnalysed: number;
  readonly events: number;
}

/** Share of the frame's diagonal a blob's centre may jump between two analysed frames and stay one object. */
const BLOB_MAX_JUMP = 0.25;

/**
 * The analysis of one camera: one decoder (FrameSource) at video_analytics.fps feeding every
 * enabled detector the same frames. Motion and line crossing run on the reading path (cheap,
 * a 160-cell-wide grey grid); face detection and plate reading run beside it, each in a stage
 * (FaceStage, PlateStage) that drops frames rather than queue them.
 */
export class CameraAnalyser {
  readonly source: FrameSource;
  private readonly motion: MotionDetector | undefined;
  private readonly crossing: boolean;
  private lines: { width: number; height: number; watch: LineCrossingWatch; blobs: Tracker<MotionBlob> } | undefined;
  private face: FaceStage | undefined;
  private faceProblem: string | undefined;
  private plate: PlateStage | undefined;
  private plateProblem: string | undefined;
  private readonly sightings = new FaceSightings();
  private readonly crossings = new RecentCrossings();
  private readonly log: Logger | undefined;
  private events = 0;
  private stopped = false;

  constructor(private readonly o: CameraAnalyserOptions) {
    const { settings } = o;
    this.log = o.logger?.child({ camera: o.camera.id, part: 'analysis' });
    this.source = new FrameSource({
      camera: o.camera,
      ffmpeg: { fps: settings.fps, maxWidth: o.maxWidth },
      ffmpegPath: o.ffmpegPath,
      logger: this.log,
      stallTimeoutMs: o.stallTimeoutMs,
      backoff: o.backoff,
      stopGraceMs: o.stopGraceMs,
    });
    this.crossing = settings.lineCrossing.enabled && settings.lineCrossing.lines.length > 0;
    if (settings.motion.enabled || this.crossing) {
      this.motion = new MotionDetector({
        sensitivity: settings.motion.sensitivity,
        minArea: settings.motion.minArea,
        regions: settings.motion.regions,
        fps: settings.fps,
      });
    }
    this.source.on('frame', (frame) => this.onFrame(frame));
  }

  start(): void {
    if (this.o.settings.face.enabled) {
      this.o.faceAnalyzer().then(
        (analyzer) => {
          if (this.stopped) return;
          this.face = new FaceStage({
            analyzer,
            minConfidence: this.o.settings.face.minConfidence,
            minSizePx: this.o.settings.face.minSizePx,
            fps: this.o.settings.fps,
            onEvent: (e) => this.onFace(e),
            onFaces: (boxes, ts) => this.sightings.add(boxes, ts),
            ...(this.crossing ? { onTracks: (seen, ended, frame) => this.trackFaces(seen, ended, frame) } : {}),
            logger: this.log,
          });
        },
        (err: unknown) => {
          this.faceProblem = err instanceof Error ? err.message : String(err);
          this.log?.error({ err: this.faceProblem }, 'face detection unavailable on this camera');
        },
      );
    }
    if (this.o.settings.plate.enabled) {
      this.o.plateReader().then(
        (reader) => {
          if (this.stopped) return;
          this.plate = new PlateStage({
            reader,
            minConfidence: this.o.settings.plate.minConfidence,
            minSizePx: this.o.settings.plate.minSizePx,
            fps: this.o.settings.fps,
            onEvent: (e) => this.onPlate(e),
            logger: this.log,
          });
        },
        (err: unknown) => {
          this.plateProblem = err instanceof Error ? err.message : String(err);
          this.log?.error({ err: this.plateProblem }, 'plate reading unavailable on this camera');
        },
      );
    }
    this.source.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.source.stop();
    await Promise.all([this.face?.stop(), this.plate?.stop()]);
    for (const episode of this.motion?.finish() ?? []) this.onMotion(episode);
  }

  get status(): CameraAnalyserStatus {
    const s: FrameSourceStatus = this.source.status;
    const faceDown = this.o.settings.face.enabled && this.faceProblem;
    const plateDown = this.o.settings.plate.enabled && this.plateProblem;
    const modelsDown = faceDown
      ? { reason: 'face_models_unavailable', detail: this.faceProblem! }
      : plateDown
        ? { reason: 'plate_models_unavailable', detail: this.plateProblem! }
        : undefined;
    return {
      state: s.state,
      reason: s.reason ?? modelsDown?.reason ?? null,
      detail: s.detail ?? modelsDown?.detail ?? null,
      since: s.since.toISOString(),
      frames: this.source.frames,
      restarts: this.source.restarts,
      faceFramesDropped: this.face?.counts.dropped ?? 0,
      faceFramesAnalysed: this.face?.counts.analysed ?? 0,
      plateFramesDropped: this.plate?.counts.dropped ?? 0,
      plateFramesAnalysed: this.plate?.counts.analysed ?? 0,
      events: this.events,
    };
  }

  /** the face stage, once loaded (benchmarks read its clock) */
  get faceStage(): FaceStage | undefined {
    return this.face;
  }

  /** the plate stage, once loaded (benchmarks read its clock) */
  get plateStage(): PlateStage | undefined {
    return this.plate;
  }

  private onFrame(frame: AnalysisFrame): void {
    if (this.stopped) return;
    this.face?.offer(frame);
    this.plate?.offer(frame);
    if (!this.motion) return;
    const { episodes, blobs } = this.motion.process(frame);
    if (this.o.settings.motion.enabled) for (const episode of episodes) this.onMotion(episode);
    if (this.crossing) this.track(blobs, frame);
  }

  private track(blobs: MotionBlob[], frame: AnalysisFrame): void {
    const lines = this.linesFor(frame);
    const { seen, ended } = lines.blobs.update(blobs, frame.ts);
    for (const track of ended) lines.watch.forget(track.id);
    for (const track of seen) {
      if (track.lastTs !== frame.ts) continue;
      for (const { line, direction } of lines.watch.update(track.id, track.centre)) {
        if (!this.crossings.claim('blob', line, direction, track.box, frame.ts)) continue;
        this.onCrossing(track.id, line, direction, track.box, frame, this.classOf(track.box, track.firstTs - 1000));
      }
    }
  }

  /** Face tracks cross lines too (as the person they are), with the face track's object_id. */
  private trackFaces(seen: readonly { id: string; box: Box }[], ended: readonly string[], frame: AnalysisFrame): void {
    const lines = this.linesFor(frame);
    for (const id of ended) lines.watch.forget(`face:${id}`);
    for (const { id, box } of seen) {
      for (const { line, direction } of lines.watch.update(`face:${id}`, centroid(box))) {
        if (!this.crossings.claim('face', line, direction, box, frame.ts)) continue;
        this.onCrossing(id, line, direction, box, frame, OBJECT_CLASSES.person);
      }
    }
  }

  /** The lines in pixels and a blob tracker for this frame size (again when it changes). */
  private linesFor(frame: AnalysisFrame): { watch: LineCrossingWatch; blobs: Tracker<MotionBlob> } {
    if (this.lines && this.lines.width === frame.width && this.lines.height === frame.height) return this.lines;
    const diagonal = Math.hypot(frame.width, frame.height);
    const lines = this.o.settings.lineCrossing.lines.map((l) => pixelLine(l, frame.width, frame.height));
    this.lines = {
      width: frame.width,
      height: frame.height,
      watch: new LineCrossingWatch(lines, 0.01 * diagonal),
      blobs: new Tracker<MotionBlob>({
        minIou: 0.1,
        maxDistance: BLOB_MAX_JUMP * diagonal,
        maxMissed: Math.max(1, Math.ceil(this.o.settings.fps)),
        minHits: 1,
      }),
    };
    return this.lines;
  }

  private classOf(box: Box, from: number, to = Date.now()): ObjectClass {
    return this.sightings.within(box, from, to) ? OBJECT_CLASSES.person : OBJECT_CLASSES.unclassified;
  }

  private onMotion(e: MotionEpisodeEvent): void {
    this.emit(
      {
        ...this.base(e.objectId, e.action, e.frame),
        eventType: 'motion_detection',
        eventData: {
          motion: { roi_bbox: e.roiBox, roi_name: e.regionName, area_fr: e.areaFraction },
          detection: { bbox: e.box },
          attributes: { obj_class: this.classOf(e.box, e.startedAt - 1000, Date.now()) },
        },
      },
      e.frame,
    );
  }

  private onCrossing(
    objectId: string,
    line: PixelLine,
    direction: CrossingDirection,
    box: Box,
    frame: AnalysisFrame,
    objClass: ObjectClass,
  ): void {
    this.emit(
      {
        ...this.base(objectId, 'appeared', frame),
        eventType: 'line_crossing',
        eventData: {
          line_crossing: { line_coords: [...line.coords], direction, line_name: line.name },
          detection: { bbox: [...box] as Box },
          attributes: { obj_class: objClass },
        },
      },
      frame,
    );
  }

  private onFace(e: FaceTrackEvent): void {
    this.emit(
      {
        ...this.base(e.objectId, e.action, e.frame),
        eventType: 'face_recognition',
        eventData: {
          detection: { bbox: e.box },
          descriptor: { data: e.descriptor.data, norm: e.descriptor.norm },
          attributes: { score: round3(e.score), quality: round3(e.quality) },
        },
      },
      e.frame,
    );
  }

  private onPlate(e: PlateTrackEvent): void {
    this.emit(
      {
        ...this.base(e.objectId, e.action, e.frame),
        eventType: 'plate_recognition',
        eventData: { plate_number: { data: e.number }, detection: { bbox: e.box } },
      },
      e.frame,
    );
  }

  private base(objectId: string, eventAction: 'appeared' | 'improved' | 'ended', frame: AnalysisFrame) {
    return {
      eventId: randomUUID(),
      cameraId: this.o.camera.id,
      streamServerId: this.o.streamServerId,
      objectId,
      eventAction,
      ts: frame.ts,
      frameSize: [frame.width, frame.height] as const,
    };
  }

  private emit(report: RecognitionEventReport, frame: AnalysisFrame): void {
    this.events++;
    this.o.sink(report, frame);
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
