import type { Box } from '../client/recognition-events.js';
import type { ScoredBox } from '../face/non-max-suppression.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { FrameFaceAnalyzer, FrameFaceDescriptor, InferenceClock } from './frame-face-analyzer.js';
import { FrameStage, type FrameStageOptions } from './frame-stage.js';

export interface FaceTrackEvent {
  readonly action: 'appeared' | 'improved';
  readonly objectId: string;
  readonly box: Box;
  readonly score: number;
  readonly quality: number;
  readonly descriptor: FrameFaceDescriptor;
  readonly frame: AnalysisFrame;
}

export interface FaceStageOptions extends FrameStageOptions {
  readonly analyzer: Pick<FrameFaceAnalyzer, 'detect' | 'describe'>;
  readonly minConfidence: number;
  readonly minSizePx: number;
  readonly onEvent: (event: FaceTrackEvent) => void;
  /** every face detected (for the classes of motion and crossing events) */
  readonly onFaces?: (boxes: Box[], ts: number) => void;
  /** the face tracks seen in each analysed frame and those that ended (for line crossing) */
  readonly onTracks?: (
    seen: readonly { id: string; box: Box }[],
    ended: readonly string[],
    frame: AnalysisFrame,
  ) => void;
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

/** Share of the frame's diagonal a face's centre may move between two analysed frames and stay one track. */
const MAX_JUMP = 0.15;

/**
 * Face detection off the frame-reading path (a FrameStage: one frame analysed at a time, a few
 * waiting, the oldest beyond dropped). Faces are tracked across analysed frames; a track reports
 * its first sighting with a descriptor (`appeared`) and up to MAX_IMPROVED views clearly better
 * than the last reported (`improved`). Descriptors are computed only for those.
 */
export class FaceStage extends FrameStage<{ box: Box; face: ScoredBox }> {
  private readonly states = new Map<string, TrackState>();
  readonly clock: InferenceClock = { total: 0, inference: 0 };
  /** frames analysed, frames dropped because the previous one was still being analysed */
  readonly counts = { analysed: 0, dropped: 0, faces: 0 };

  constructor(private readonly o: FaceStageOptions) {
    super({ ...o, maxJump: MAX_JUMP, failure: 'face analysis of a frame failed' });
  }

  protected override async analyse(frame: AnalysisFrame): Promise<void> {
    const faces = await this.o.analyzer.detect(frame, this.o, this.clock);
    this.counts.analysed++;
    this.counts.faces += faces.length;
    const detections = faces.map((face) => ({ box: [face.x_min, face.y_min, face.x_max, face.y_max] as Box, face }));
    if (detections.length)
      this.o.onFaces?.(
        detections.map((d) => d.box),
        frame.ts,
      );
    const { seen, ended } = this.track(detections, frame);
    for (const track of ended) this.states.delete(track.id);
    this.o.onTracks?.(
      seen.map((track) => ({ id: track.id, box: track.box })),
      ended.map((track) => track.id),
      frame,
    );
    for (const track of seen) {
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
