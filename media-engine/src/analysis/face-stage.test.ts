import { describe, expect, it } from 'vitest';
import type { ScoredBox } from '../face/non-max-suppression.js';
import { frame, tick, Turnstile } from '../../test/analysis/stage-frames.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { FaceStage, type FaceTrackEvent } from './face-stage.js';
import type { InferenceClock } from './frame-face-analyzer.js';

/** A detector stand-in: the faces of each frame by its seq, answered when the test releases it. */
class ScriptedDetector {
  private readonly turnstile = new Turnstile();

  constructor(private readonly faces: (seq: number) => ScoredBox[]) {}

  async detect(frame: AnalysisFrame, _filter: unknown, clock: InferenceClock): Promise<ScoredBox[]> {
    await this.turnstile.pass();
    clock.total += 1;
    return this.faces(frame.seq);
  }

  async describe(): Promise<{ data: string; norm: number }> {
    return { data: 'AAAA', norm: 3 };
  }

  next(): void {
    this.turnstile.next();
  }
}

const face = (x: number, height: number, score = 0.9): ScoredBox => ({
  x_min: x,
  y_min: 100,
  x_max: x + height * 0.8,
  y_max: 100 + height,
  score,
});

describe('FaceStage', () => {
  it('reports a track once when it appears and again only for a clearly better view', async () => {
    const sizes = [40, 42, 60, 61, 90]; // quality 0.9 × h / 112: ×1.05, ×1.5, ×1.02, ×1.5
    const detector = new ScriptedDetector((seq) => (seq < sizes.length ? [face(200 + seq, sizes[seq]!)] : []));
    const events: FaceTrackEvent[] = [];
    const stage = new FaceStage({
      analyzer: detector,
      minConfidence: 0.6,
      minSizePx: 40,
      fps: 2,
      onEvent: (e) => events.push(e),
    });
    for (let seq = 0; seq < 9; seq++) {
      stage.offer(frame(seq));
      await tick();
      detector.next();
      await stage.idle();
    }
    stage.offer(frame(9)); // after the track ended (more than 2 frames unseen): a new object
    await tick();
    detector.next();
    await stage.idle();
    expect(events.map((e) => [e.action, e.frame.seq])).toEqual([
      ['appeared', 0],
      ['improved', 2],
      ['improved', 4],
    ]);
    expect(new Set(events.map((e) => e.objectId)).size).toBe(1);
  });
});
