import { describe, expect, it } from 'vitest';
import type { Box } from '../client/recognition-events.js';
import { Tracker } from './tracker.js';

const ids = () => {
  let n = 0;
  return () => `t${++n}`;
};
const at = (x: number, y: number, size = 20): { box: Box } => ({ box: [x, y, x + size, y + size] });

describe('Tracker', () => {
  it('keeps one id for an object moving across frames, by overlap and then by distance', () => {
    const tracker = new Tracker({ minIou: 0.1, maxDistance: 50, maxMissed: 1, minHits: 1 }, ids());
    const first = tracker.update([at(0, 0)], 0);
    expect(first.confirmed.map((t) => t.id)).toEqual(['t1']);
    expect(tracker.update([at(5, 0)], 1).seen.map((t) => t.id)).toEqual(['t1']); // overlaps
    const jump = tracker.update([at(45, 0)], 2); // no overlap, 40 px away
    expect(jump.seen.map((t) => t.id)).toEqual(['t1']);
    expect(jump.seen[0]!.previousCentre).toEqual({ x: 15, y: 10 });
    expect(jump.seen[0]!.centre).toEqual({ x: 55, y: 10 });
  });

  it('starts a new track for a detection too far away, and ends a track after maxMissed updates', () => {
    const tracker = new Tracker({ minIou: 0.1, maxDistance: 30, maxMissed: 2, minHits: 1 }, ids());
    tracker.update([at(0, 0)], 0);
    const far = tracker.update([at(200, 0)], 1);
    expect(far.seen.map((t) => t.id)).toEqual(['t2']);
    expect(far.ended).toEqual([]);
    expect(tracker.update([], 2).ended).toEqual([]);
    const gone = tracker.update([], 3);
    expect(gone.ended.map((t) => t.id)).toEqual(['t1']);
    expect(tracker.update([], 4).ended.map((t) => t.id)).toEqual(['t2']);
    expect(tracker.active).toHaveLength(0);
  });

  it('pairs the best matches first when two objects are close', () => {
    const tracker = new Tracker({ minIou: 0.1, maxDistance: 100, maxMissed: 1, minHits: 1 }, ids());
    tracker.update([at(0, 0), at(100, 0)], 0);
    const next = tracker.update([at(95, 0), at(4, 0)], 1);
    const byId = Object.fromEntries(next.seen.map((t) => [t.id, t.box[0]]));
    expect(byId).toEqual({ t1: 4, t2: 95 });
  });

  it('confirms a track only after minHits sightings', () => {
    const tracker = new Tracker({ minIou: 0.1, maxDistance: 50, maxMissed: 1, minHits: 2 }, ids());
    expect(tracker.update([at(0, 0)], 0).confirmed).toEqual([]);
    expect(tracker.update([at(2, 0)], 1).confirmed.map((t) => t.id)).toEqual(['t1']);
    expect(tracker.update([at(4, 0)], 2).confirmed).toEqual([]);
  });
});
