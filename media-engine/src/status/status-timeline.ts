import type { CameraStatus } from '../ingest/camera-status.js';
import type { DowntimePeriod } from './stream-status.types.js';

/** A point of a camera's timeline: from `at` on it was in `status`. */
export interface TimelinePoint {
  readonly status: CameraStatus;
  readonly reason: string | null;
  readonly at: Date;
}

export interface Timeline {
  /** offline periods, oldest first; the last one has no end while it lasts */
  readonly downtimes: DowntimePeriod[];
  /** ms from the first point to now */
  readonly lifetimeMs: number;
  /** ms of that spent online */
  readonly onlineMs: number;
}

/**
 * Downtime periods and uptime of one camera from its transitions (ascending by time). Consecutive
 * offline points (e.g. unreachable, then no stream server) are one period with the first reason;
 * a period ends at the next online point.
 */
export function timelineOf(points: readonly TimelinePoint[], now: Date): Timeline {
  const downtimes: { start: Date; end: Date | null; reason: string | null }[] = [];
  let onlineMs = 0;
  let onlineSince: number | undefined;
  for (const p of points) {
    const at = Math.min(p.at.getTime(), now.getTime());
    if (p.status === 'online') {
      const open = downtimes.at(-1);
      if (open && open.end === null) open.end = new Date(at);
      onlineSince ??= at;
    } else {
      if (onlineSince !== undefined) onlineMs += at - onlineSince;
      onlineSince = undefined;
      const open = downtimes.at(-1);
      if (!open || open.end !== null) downtimes.push({ start: new Date(at), end: null, reason: p.reason });
    }
  }
  if (onlineSince !== undefined) onlineMs += now.getTime() - onlineSince;
  const lifetimeMs = points.length ? Math.max(0, now.getTime() - Math.min(points[0]!.at.getTime(), now.getTime())) : 0;
  return { downtimes, lifetimeMs, onlineMs: Math.min(onlineMs, lifetimeMs) };
}

/** Online share of the lifetime in percent (0 with no lifetime), two decimals. */
export function availabilityOf(timeline: Timeline): number {
  if (timeline.lifetimeMs <= 0) return 0;
  return Math.round((timeline.onlineMs / timeline.lifetimeMs) * 10_000) / 100;
}
