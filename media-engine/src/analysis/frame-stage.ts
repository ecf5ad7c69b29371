import type { Logger } from '@argus/core';
import type { Box } from '../client/recognition-events.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { Tracker, type Track } from './tracker.js';

export interface FrameStageOptions {
  readonly fps: number;
  readonly logger?: Logger;
  /** frames that may wait while one is analysed (default 2: absorbs a decoder's burst); beyond, the oldest is dropped */
  readonly maxWaiting?: number;
}

/**
 * A detector's work off the frame-reading path, shared by the face and plate stages: frames are
 * offered, one is analysed at a time, at most `maxWaiting` wait, and beyond that the oldest
 * waiting one is dropped (and counted). Memory stays at a few frames however slow inference is.
 * What a stage finds is tracked across the frames it analyses.
 */
export abstract class FrameStage<T extends { box: Box }> {
  /** frames analysed, frames dropped because the previous one was still being analysed */
  abstract readonly counts: { analysed: number; dropped: number };
  private readonly waiting: AnalysisFrame[] = [];
  private working: Promise<void> | undefined;
  private stopped = false;
  private tracker: Tracker<T> | undefined;

  /**
   * `maxJump`: the share of the frame's diagonal a thing's centre may move between two analysed
   * frames and stay one track; `failure`: what is logged when a frame's analysis fails.
   */
  protected constructor(
    private readonly stage: FrameStageOptions & { readonly maxJump: number; readonly failure: string },
  ) {}

  offer(frame: AnalysisFrame): void {
    if (this.stopped) return;
    this.waiting.push(frame);
    while (this.waiting.length > Math.max(1, this.stage.maxWaiting ?? 2)) {
      this.waiting.shift();
      this.counts.dropped++;
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

  protected abstract analyse(frame: AnalysisFrame): Promise<void>;

  /** Tracks what was found in `frame`: the tracks seen in it, and those that ended (unseen too long). */
  protected track(found: readonly T[], frame: AnalysisFrame): { seen: Track<T>[]; ended: Track<T>[] } {
    const tracker = (this.tracker ??= new Tracker({
      minIou: 0.2,
      maxDistance: this.stage.maxJump * Math.hypot(frame.width, frame.height),
      maxMissed: Math.max(2, Math.ceil(this.stage.fps)),
      minHits: 1,
    }));
    const { seen, ended } = tracker.update(found, frame.ts);
    return { seen: seen.filter((track) => track.lastTs === frame.ts && track.missed === 0), ended };
  }

  private async work(): Promise<void> {
    try {
      while (this.waiting.length > 0 && !this.stopped) {
        const frame = this.waiting.shift()!;
        await this.analyse(frame).catch((err: unknown) => this.stage.logger?.warn({ err }, this.stage.failure));
      }
    } finally {
      this.working = undefined;
    }
  }
}
