import { describe, expect, it } from 'vitest';
import { CROSSING_DIRECTIONS } from '../client/recognition-events.js';
import { LEFT, LineCrossingWatch, RecentCrossings, RIGHT, pixelLine, sideOf } from './line-crossing.js';

/** A vertical line down the middle of a 100×100 frame, drawn from the top to the bottom. */
const downwards = (direction: 'both' | 'left_to_right' | 'right_to_left') =>
  pixelLine({ name: 'door', start: { x: 0.5, y: 0 }, end: { x: 0.5, y: 1 }, direction }, 100, 100);

describe('line sides', () => {
  it('left is the left-hand side looking from start to end, as the frame is shown (y down)', () => {
    const horizontal = { start: { x: 0, y: 50 }, end: { x: 100, y: 50 } };
    expect(sideOf(horizontal, { x: 50, y: 10 })).toBe(LEFT); // above a line drawn left → right
    expect(sideOf(horizontal, { x: 50, y: 90 })).toBe(RIGHT);
    // looking down the frame (top → bottom), the left hand points to the frame's right
    const line = downwards('both');
    expect(sideOf(line, { x: 80, y: 50 })).toBe(LEFT);
    expect(sideOf(line, { x: 20, y: 50 })).toBe(RIGHT);
    expect(sideOf(line, { x: 50.5, y: 50 }, 1)).toBe(0);
  });
});

describe('LineCrossingWatch', () => {
  it('reports a crossing in the allowed direction only, with the direction crossed', () => {
    const lr = downwards('left_to_right');
    const rl = downwards('right_to_left');
    const watch = new LineCrossingWatch([lr, rl], 1);
    expect(watch.update('a', { x: 80, y: 50 })).toEqual([]); // left of both
    const crossed = watch.update('a', { x: 20, y: 50 }); // → right
    expect(crossed).toEqual([{ line: lr, direction: CROSSING_DIRECTIONS.left_to_right }]);
    expect(watch.update('a', { x: 10, y: 50 })).toEqual([]); // stays on the right
    expect(watch.update('a', { x: 90, y: 50 })).toEqual([{ line: rl, direction: CROSSING_DIRECTIONS.right_to_left }]);
  });

  it('counts a move that passes beside the segment as no crossing', () => {
    const line = pixelLine(
      { name: 'short', start: { x: 0.5, y: 0 }, end: { x: 0.5, y: 0.3 }, direction: 'both' },
      100,
      100,
    );
    const watch = new LineCrossingWatch([line], 1);
    watch.update('a', { x: 80, y: 80 });
    expect(watch.update('a', { x: 20, y: 80 })).toEqual([]);
  });

  it('ignores jitter on the line (dead band) and keeps objects apart', () => {
    const line = downwards('both');
    const watch = new LineCrossingWatch([line], 3);
    watch.update('a', { x: 60, y: 50 });
    expect(watch.update('a', { x: 49, y: 50 })).toEqual([]); // within 3 px: no side
    expect(watch.update('a', { x: 51, y: 50 })).toEqual([]);
    watch.update('b', { x: 20, y: 50 });
    expect(watch.update('a', { x: 40, y: 50 })).toHaveLength(1);
    watch.forget('a');
    expect(watch.update('a', { x: 80, y: 50 })).toEqual([]); // forgotten: a first sighting again
  });
});

describe('RecentCrossings', () => {
  const { left_to_right: lr, right_to_left: rl } = CROSSING_DIRECTIONS;
  const door = downwards('both');
  const window = pixelLine(
    { name: 'window', start: { x: 0.5, y: 0 }, end: { x: 0.5, y: 1 }, direction: 'both' },
    100,
    100,
  );

  it('reports a person seen as a blob and as a face crossing once, whichever comes first', () => {
    const recent = new RecentCrossings(2000);
    // the blob (a body) crosses, then its face, inside the blob's box, a frame later
    expect(recent.claim('blob', door, lr, [30, 10, 70, 90], 1_000)).toBe(true);
    expect(recent.claim('face', door, lr, [45, 15, 55, 25], 1_500)).toBe(false);
    // the face first, then the blob holding it
    expect(recent.claim('face', door, rl, [45, 15, 55, 25], 10_000)).toBe(true);
    expect(recent.claim('blob', door, rl, [30, 10, 70, 90], 10_400)).toBe(false);
  });

  it('keeps apart what differs: the track kind, the line, the direction, the place or the time', () => {
    const recent = new RecentCrossings(2000);
    expect(recent.claim('blob', door, lr, [30, 10, 70, 90], 1_000)).toBe(true);
    expect(recent.claim('blob', door, lr, [30, 10, 70, 90], 1_100)).toBe(true); // two blobs: two objects
    expect(recent.claim('face', window, lr, [45, 15, 55, 25], 1_200)).toBe(true); // another line
    expect(recent.claim('face', door, rl, [45, 15, 55, 25], 1_300)).toBe(true); // the other way
    expect(recent.claim('face', door, lr, [80, 92, 90, 99], 1_400)).toBe(true); // outside the blob
    expect(recent.claim('face', door, lr, [45, 15, 55, 25], 3_500)).toBe(true); // 2.4 s later
  });
});
