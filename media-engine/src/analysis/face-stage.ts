import type { Logger } from '@argus/core';
import type { Box } from '../client/recognition-events.js';
import type { ScoredBox } from '../face/non-max-suppression.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { FrameQueue } from './frame-queue.js';
import type { FrameFaceAnalyzer, FrameFaceDescriptor, InferenceClock } from './frame-face-analyzer.js';
import { Tracker } from './tracker.js';

export interface FaceTrackEvent {
  readonly action: 'appeared' | 'improved';
  readonly objectId: string;
  readonly box: Box;
  readonly score: number;
  readonly quality: number;
  readonly descriptor: FrameFaceDescriptor;
  readonly frame: AnalysisFrame;
}

export interface FaceStageOptions {
  readonly analyzer: Pick<FrameFaceAnalyzer, 'detect' | 'describe'>;
  readonly minConfidence: number;
  readonly minSizePx: number;
  readonly fps: number;
  readonly onEvent: (event: FaceTrackEvent) => void;
  /** every face detected (for the classes of motion and crossing events) */
  readonly onFaces?: (boxes: Box[], ts: number) => void;
  readonly logger?: Logger;
  /** frames that may wait while one is analysed (default 2: absorbs a decoder's burst); beyond, the oldest is dropped */
  readonly maxWaiting?: number;
}

/** A view of a track is "clearly better" when its quality is this many times the last reported one… */
export const IMPROVE_RATIO = 1.25;
/** …and a track reports at most this many better views. */
export const MAX_IMPROVED = 3;

/**
 * Quality of a face view: the detector's score, times how close the face's height comes to the
 * embedder's 112 px (smaller faces are upsampled into the descriptor and lose detail).
 */
export function faceQuality(box: ScoredBox): number {
  return box.score * Math.min(1, (box.y_max - box.y_min) / 112);
}

interface TrackState {
  reportedQuality: number;
  improved: number;
}

/**
 * Face detection off the frame-reading path: frames are offered, one is analysed at a time, at
 * most `maxWaiting` wait, and beyond that the oldest waiting one is dropped (and counted). Memory
 * stays at a few frames however slow inference is. Faces are tracked across analysed frames; a
 * track reports its first sighting with a descriptor (`appeared`) and up to MAX_IMPROVED views
 * clearly better than the last reported (`improved`). Descriptors are computed only for those.
 */
export class FaceStage {
  private tracker: Tracker<{ box: Box; face: ScoredBox }> | undefined;
  private readonly states = new Map<string, TrackState>();
  readonly clock: InferenceClock = { total: 0, inference: 0 };
  /** frames analysed, frames dropped because the previous one was still being analysed */
  readonly counts = { analysed: 0, dropped: 0, faces: 0 };

  private readonly frames: FrameQueue;

  constructor(private readonly o: FaceStageOptions) {
    this.frames = new FrameQueue({
      maxWaiting: o.maxWaiting,
      analyse: (frame) => this.analyse(frame),
      dropped: () => this.counts.dropped++,
      failed: (err) => o.logger?.warn({ err }, 'face analysis of a frame failed'),
    });
  }

  offer(frame: AnalysisFrame): void {
    this.frames.offer(frame);
  }

  /** Waits for the frame being analysed; the waiting ones are not analysed. */
  stop(): Promise<void> {
    return this.frames.stop();
  }

  /** Resolves when nothing waits or is being analysed. */
  idle(): Promise<void> {
    return this.frames.idle();
  }

  private async analyse(frame: AnalysisFrame): Promise<void> {
    const faces = await this.o.analyzer.detect(frame, this.o, this.clock);
    this.counts.analysed++;
    this.counts.faces += faces.length;
    const tracker = (this.tracker ??= new Tracker({
      minIou: 0.2,
      maxDistance: 0.15 * Math.hypot(frame.width, frame.height),
      maxMissed: Math.max(2, Math.ceil(this.o.fps)),
      minHits: 1,
    }));
    const detections = faces.map((face) => ({ box: [face.x_min, face.y_min, face.x_max, face.y_max] as Box, face }));
    if (detections.length)
      this.o.onFaces?.(
        detections.map((d) => d.box),
        frame.ts,
      );
    const { seen, ended } = tracker.update(detections, frame.ts);
    for (const track of ended) this.states.delete(track.id);
    for (const track of seen) {
      if (track.lastTs !== frame.ts || track.missed !== 0) continue;
      const face = track.last.face;
      const quality = faceQuality(face);
      const state = this.states.get(track.id);
      const action = !state
        ? 'appeared'
        : state.improved < MAX_IMPROVED && quality > state.reportedQuality * IMPROVE_RATIO
          ? 'improved'
          : undefined;
      if (!action) continue;
      const descriptor = await this.o.analyzer.describe(frame, face, this.clock);
      if (!descriptor) continue;
      if (state) {
        state.improved++;
        state.reportedQuality = quality;
      } else this.states.set(track.id, { reportedQuality: quality, improved: 0 });
      this.o.onEvent({
        action,
        objectId: track.id,
        box: roundedBox(face, frame),
        score: face.score,
        quality,
        descriptor,
        frame,
      });
    }
  }
}

function roundedBox(face: ScoredBox, frame: { width: number; height: number }): Box {
  return [
    Math.max(0, Math.round(face.x_min)),
    Math.max(0, Math.round(face.y_min)),
    Math.min(frame.width, Math.round(face.x_max)),
    Math.min(frame.height, Math.round(face.y_max)),
  ];
}
