import type { AnalysisFrame } from './analysis-frame.js';

export interface FrameQueueOptions {
  /** frames that may wait while one is analysed (default 2); beyond it the oldest is dropped */
  readonly maxWaiting?: number;
  readonly analyse: (frame: AnalysisFrame) => Promise<void>;
  readonly dropped: () => void;
  readonly failed: (err: unknown) => void;
}

/**
 * A detector's work off the frame-reading path: frames are offered, one is analysed at a time, at
 * most `maxWaiting` wait, and beyond that the oldest waiting one is dropped (and counted). Memory
 * stays at a few frames however slow inference is.
 */
export class FrameQueue {
  private readonly waiting: AnalysisFrame[] = [];
  private working: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly o: FrameQueueOptions) {}

  offer(frame: AnalysisFrame): void {
    if (this.stopped) return;
    this.waiting.push(frame);
    while (this.waiting.length > Math.max(1, this.o.maxWaiting ?? 2)) {
      this.waiting.shift();
      this.o.dropped();
    }
    if (!this.working) this.working = this.work();
  }

  /** Waits for the frame being analysed; the waiting ones are not analysed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    await this.working;
  }

  /** Resolves when nothing waits or is being analysed. */
  async idle(): Promise<void> {
    while (this.working) await this.working;
  }

  private async work(): Promise<void> {
    try {
      while (this.waiting.length > 0 && !this.stopped) {
        const frame = this.waiting.shift()!;
        await this.o.analyse(frame).catch(this.o.failed);
      }
    } finally {
      this.working = undefined;
    }
  }
}
