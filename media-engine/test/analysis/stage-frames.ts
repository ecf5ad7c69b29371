import type { AnalysisFrame } from '../../src/analysis/analysis-frame.js';

/** Frames and pacing for tests of the analysis stages. */

/** An empty 640×360 frame, number `seq` of a camera read at 2 fps. */
export const frame = (seq: number): AnalysisFrame => ({
  data: new Uint8Array(0),
  width: 640,
  height: 360,
  ts: seq * 500,
  seq,
});

/** Lets what is waiting on the event loop run. */
export const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Holds each caller of `pass()` until the test lets the first one waiting through with `next()`. */
export class Turnstile {
  private readonly held: (() => void)[] = [];

  pass(): Promise<void> {
    return new Promise((resolve) => this.held.push(resolve));
  }

  next(): void {
    this.held.shift()?.();
  }
}
