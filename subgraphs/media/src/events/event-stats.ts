import type { StatsBucketSize } from './event.types.js';

/** Abbreviations of the event types in intensity statistics (`meta.event_types`). */
export const INTENSITY_TYPES = {
  fr: 'face_recognition',
  pr: 'plate_recognition',
  md: 'motion_detection',
  lc: 'line_crossing',
} as const;

export interface IntensityEntry {
  readonly start: Date;
  readonly fr: number;
  readonly pr: number;
  readonly md: number;
  readonly lc: number;
}

export interface EventIntensity {
  readonly bucket: StatsBucketSize;
  readonly meta: { readonly event_types: typeof INTENSITY_TYPES };
  readonly entries: IntensityEntry[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Event statistics: windows up to 24 h are counted per hour, longer ones per day (UTC). */
export function bucketSizeOf(from: Date, to: Date): StatsBucketSize {
  return to.getTime() - from.getTime() <= DAY_MS ? 'hour' : 'day';
}

/** The start of every bucket that overlaps [from, to), in order. */
export function bucketStarts(from: Date, to: Date, size: StatsBucketSize): Date[] {
  const step = size === 'hour' ? HOUR_MS : DAY_MS;
  const starts: Date[] = [];
  for (let t = Math.floor(from.getTime() / step) * step; t < to.getTime(); t += step) starts.push(new Date(t));
  return starts;
}
