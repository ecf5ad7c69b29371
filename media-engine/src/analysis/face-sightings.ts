import type { Box } from '../client/recognition-events.js';
import { centroid, contains } from './geometry.js';

/**
 * Where faces were seen lately on one camera, so that motion and crossing events of a blob that
 * carried a face can say `person`. Nothing else is classified (no object classifier runs).
 */
export class FaceSightings {
  private readonly seen: { box: Box; ts: number }[] = [];

  constructor(private readonly keepMs = 10_000) {}

  add(boxes: readonly Box[], ts: number): void {
    for (const box of boxes) this.seen.push({ box, ts });
    const oldest = ts - this.keepMs;
    while (this.seen.length && this.seen[0]!.ts < oldest) this.seen.shift();
    if (this.seen.length > 1000) this.seen.splice(0, this.seen.length - 1000);
  }

  /** Whether a face centred inside `box` was seen between `from` and `to` (ms). */
  within(box: Box, from: number, to: number): boolean {
    return this.seen.some((s) => s.ts >= from && s.ts <= to && contains(box, centroid(s.box)));
  }
}
