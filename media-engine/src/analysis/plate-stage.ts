import { randomUUID } from 'node:crypto';
import type { Box } from '../client/recognition-events.js';
import type { FramePlateReader, OcrClock, PlateRead } from '../plates/plate-reader.js';
import { samePlate } from '../plates/plate-text.js';
import { PlateVotes, type PlateVerdict } from '../plates/plate-votes.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { FrameStage, type FrameStageOptions } from './frame-stage.js';

export interface PlateTrackEvent {
  readonly action: 'appeared' | 'improved';
  readonly objectId: string;
  /** the voted, normalised number */
  readonly number: string;
  /** the plate's text line in the frame that settled the vote */
  readonly box: Box;
  readonly verdict: PlateVerdict;
  readonly frame: AnalysisFrame;
}

export interface PlateStageOptions extends FrameStageOptions {
  readonly reader: Pick<FramePlateReader, 'read'>;
  readonly minConfidence: number;
  readonly minSizePx: number;
  readonly onEvent: (event: PlateTrackEvent) => void;
}

/** Share of the frame's diagonal a plate's centre may move between two analysed frames and stay one vehicle. */
const MAX_JUMP = 0.25;

/**
 * Plate reading off the frame-reading path (a FrameStage, bounded as the face stage). Plates read
 * are tracked across frames (one vehicle passing is one object_id); a track whose reading turns
 * into an unlike number (samePlate) becomes a new object, as it is another vehicle where the last
 * one was. Each object votes over its readings (PlateVotes) and reports `appeared` when the
 * vote first becomes confident and `improved` when a better-supported number overtakes the
 * reported one.
 */
export class PlateStage extends FrameStage<PlateRead & { box: Box }> {
  /** per track: the appearance it is (object_id) and its vote */
  private readonly appearances = new Map<string, { objectId: string; votes: PlateVotes }>();
  readonly clock: OcrClock = { total: 0, inference: 0 };
  /** frames read, frames dropped because the previous one was still being read, plates read */
  readonly counts = { analysed: 0, dropped: 0, reads: 0 };

  constructor(private readonly o: PlateStageOptions) {
    super({ ...o, maxJump: MAX_JUMP, failure: 'plate reading of a frame failed' });
  }

  protected override async analyse(frame: AnalysisFrame): Promise<void> {
    const reads = await this.o.reader.read(frame, this.o, this.clock);
    this.counts.analysed++;
    this.counts.reads += reads.length;
    const { seen, ended } = this.track(reads, frame);
    for (const track of ended) this.appearances.delete(track.id);
    for (const track of seen) {
      const read = track.last;
      let appearance = this.appearances.get(track.id);
      const heaviest = appearance?.votes.heaviest;
      // a number unlike the track's is another vehicle in the same place (the frames between lost)
      if (!appearance || (heaviest !== undefined && !samePlate(heaviest, read.number))) {
        appearance = { objectId: appearance ? randomUUID() : track.id, votes: new PlateVotes() };
        this.appearances.set(track.id, appearance);
      }
      const verdict = appearance.votes.add(read.number, read.confidence);
      if (!verdict) continue;
      this.o.onEvent({
        action: verdict.action,
        objectId: appearance.objectId,
        number: verdict.number,
        box: read.box,
        verdict,
        frame,
      });
    }
  }
}
