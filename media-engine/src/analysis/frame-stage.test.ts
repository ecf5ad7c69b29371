import { describe, expect, it } from 'vitest';
import { frame, tick, Turnstile } from '../../test/analysis/stage-frames.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { FaceStage } from './face-stage.js';
import { PlateStage } from './plate-stage.js';

/** Each stage with a detector stand-in that runs `analyse` on every frame and finds nothing. */
const stages: [string, (analyse: (frame: AnalysisFrame) => Promise<void>) => FaceStage | PlateStage][] = [
  [
    'FaceStage',
    (analyse) =>
      new FaceStage({
        analyzer: {
          detect: async (f: AnalysisFrame) => {
            await analyse(f);
            return [];
          },
          describe: async () => null,
        },
        minConfidence: 0.6,
        minSizePx: 40,
        fps: 2,
        onEvent: () => undefined,
        maxWaiting: 2,
      }),
  ],
  [
    'PlateStage',
    (analyse) =>
      new PlateStage({
        reader: {
          read: async (f: AnalysisFrame) => {
            await analyse(f);
            return [];
          },
        },
        minConfidence: 0.5,
        minSizePx: 60,
        fps: 2,
        onEvent: () => undefined,
        maxWaiting: 2,
      }),
  ],
];

describe.each(stages)('%s', (_name, stageOf) => {
  it('analyses one frame at a time, keeps at most maxWaiting and drops the oldest beyond', async () => {
    const turnstile = new Turnstile();
    const analysed: number[] = [];
    const stage = stageOf(async (f) => {
      await turnstile.pass();
      analysed.push(f.seq);
    });
    for (let seq = 0; seq < 6; seq++) stage.offer(frame(seq)); // 0 is taken at once; 1..5 wait, 2 kept
    expect(stage.counts.dropped).toBe(3);
    for (let i = 0; i < 3; i++) {
      await tick();
      turnstile.next();
    }
    await stage.idle();
    expect(analysed).toEqual([0, 4, 5]);
    expect(stage.counts).toMatchObject({ analysed: 3, dropped: 3 });
  });
});
