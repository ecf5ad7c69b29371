import { describe, expect, it } from 'vitest';
import { availabilityOf, timelineOf, type TimelinePoint } from './status-timeline.js';

const t = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
const on = (s: number): TimelinePoint => ({ status: 'online', reason: null, at: t(s) });
const off = (s: number, reason: string): TimelinePoint => ({ status: 'offline', reason, at: t(s) });

describe('timelineOf', () => {
  it('has no lifetime without transitions', () => {
    const timeline = timelineOf([], t(100));
    expect(timeline).toEqual({ downtimes: [], lifetimeMs: 0, onlineMs: 0 });
    expect(availabilityOf(timeline)).toBe(0);
  });

  it('closes a downtime at the next online point and keeps the first reason of consecutive offline points', () => {
    const timeline = timelineOf(
      [off(0, 'no_stream_server'), on(10), off(40, 'unreachable'), off(45, 'no_stream_server'), on(60)],
      t(100),
    );
    expect(timeline.downtimes).toEqual([
      { start: t(0), end: t(10), reason: 'no_stream_server' },
      { start: t(40), end: t(60), reason: 'unreachable' },
    ]);
    expect(timeline.lifetimeMs).toBe(100_000);
    expect(timeline.onlineMs).toBe(70_000);
    expect(availabilityOf(timeline)).toBe(70);
  });

  it('leaves the last downtime open while it lasts', () => {
    const timeline = timelineOf([on(0), off(30, 'stalled')], t(40));
    expect(timeline.downtimes).toEqual([{ start: t(30), end: null, reason: 'stalled' }]);
    expect(availabilityOf(timeline)).toBe(75);
  });

  it('counts repeated online points (a new owner) as one online stretch', () => {
    const timeline = timelineOf([on(0), on(20)], t(40));
    expect(timeline.onlineMs).toBe(40_000);
    expect(availabilityOf(timeline)).toBe(100);
  });

  it('ignores points in the future of now (clock skew)', () => {
    const timeline = timelineOf([on(0), off(50, 'exited')], t(40));
    expect(timeline.onlineMs).toBe(40_000);
    expect(timeline.downtimes).toEqual([{ start: t(40), end: null, reason: 'exited' }]);
  });
});
