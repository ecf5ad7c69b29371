import { CROSSING_DIRECTIONS, type Box, type CrossingDirection } from '../client/recognition-events.js';
import type { CrossingLine } from './analytics-settings.js';
import { centroid, contains, cross, segmentsIntersect, type Point } from './geometry.js';

/**
 * Line crossing. "Left" of a line is the left-hand side of someone standing on the frame at the
 * line's start and looking towards its end, as the frame is shown (x right, y down): for a line
 * drawn from the left edge to the right edge, left is above it. An object crosses left_to_right
 * when its centre moves from the left side to the right side through the segment itself.
 * Points closer to the line than `deadBand` pixels are on no side, so a centre jittering on the
 * line does not cross it back and forth.
 */
export type Side = -1 | 0 | 1;

export const LEFT: Side = -1;
export const RIGHT: Side = 1;

export interface PixelLine {
  readonly name: string;
  readonly start: Point;
  readonly end: Point;
  readonly allowed: CrossingDirection;
  /** [x1, y1, x2, y2] in pixels of the analysed frame */
  readonly coords: [number, number, number, number];
}

export function pixelLine(line: CrossingLine, width: number, height: number): PixelLine {
  const start = { x: line.start.x * width, y: line.start.y * height };
  const end = { x: line.end.x * width, y: line.end.y * height };
  return {
    name: line.name,
    start,
    end,
    allowed: CROSSING_DIRECTIONS[line.direction],
    coords: [round1(start.x), round1(start.y), round1(end.x), round1(end.y)],
  };
}

/** LEFT (−1), RIGHT (1), or 0 within deadBand pixels of the (infinite) line. */
export function sideOf(line: { start: Point; end: Point }, p: Point, deadBand = 0): Side {
  const length = Math.hypot(line.end.x - line.start.x, line.end.y - line.start.y);
  const signed = cross(line.start, line.end, p) / (length || 1);
  if (Math.abs(signed) <= deadBand) return 0;
  return signed < 0 ? LEFT : RIGHT;
}

/**
 * Follows the sides of tracked objects against a set of lines and reports crossings. For each
 * object and line it keeps the last side the object was clearly on and where; a new clear side
 * is a crossing when the move from there to here passes through the line segment.
 */
export class LineCrossingWatch {
  private readonly last = new Map<string, { side: Side; at: Point }>();

  constructor(
    private readonly lines: readonly PixelLine[],
    private readonly deadBand: number,
  ) {}

  /** Crossings made by an object now at `centre`: each with the line and the direction crossed. */
  update(objectId: string, centre: Point): { line: PixelLine; direction: CrossingDirection }[] {
    const crossings: { line: PixelLine; direction: CrossingDirection }[] = [];
    for (const [index, line] of this.lines.entries()) {
      const key = `${objectId}\u0000${index}`;
      const side = sideOf(line, centre, this.deadBand);
      if (side === 0) continue;
      const before = this.last.get(key);
      this.last.set(key, { side, at: centre });
      if (!before || before.side === side) continue;
      if (!segmentsIntersect(before.at, centre, line.start, line.end)) continue;
      const direction = before.side === LEFT ? CROSSING_DIRECTIONS.left_to_right : CROSSING_DIRECTIONS.right_to_left;
      if (line.allowed === CROSSING_DIRECTIONS.both || line.allowed === direction) crossings.push({ line, direction });
    }
    return crossings;
  }

  forget(objectId: string): void {
    for (let index = 0; index < this.lines.length; index++) this.last.delete(`${objectId}\u0000${index}`);
  }
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** What crossed: a moving blob, or a tracked face (a person). */
export type CrossingTrack = 'blob' | 'face';

interface RecentCrossing {
  readonly track: CrossingTrack;
  readonly line: string;
  readonly direction: CrossingDirection;
  readonly box: Box;
  readonly ts: number;
}

/**
 * The crossings reported lately on one camera, so that a person seen both as a moving blob and as
 * a tracked face crosses a line once: a crossing is a repeat when the other kind of track crossed
 * the same line in the same direction within `windowMs` (capture time) and one's box holds the
 * other's centre. Whichever is found first is reported (blobs on the reading path usually come
 * first; a face comes first when its blob was too small or merged with another).
 */
export class RecentCrossings {
  private readonly recent: RecentCrossing[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** Whether this crossing is new; a new one is remembered. */
  claim(track: CrossingTrack, line: PixelLine, direction: CrossingDirection, box: Box, ts: number): boolean {
    const key = `${line.name}\u0000${line.coords.join(',')}`;
    const repeat = this.recent.some(
      (c) =>
        c.track !== track &&
        c.line === key &&
        c.direction === direction &&
        Math.abs(c.ts - ts) <= this.windowMs &&
        (contains(c.box, centroid(box)) || contains(box, centroid(c.box))),
    );
    if (repeat) return false;
    this.recent.push({ track, line: key, direction, box, ts });
    const newest = Math.max(...this.recent.map((c) => c.ts));
    while (this.recent.length > 0 && (this.recent[0]!.ts < newest - 4 * this.windowMs || this.recent.length > 200))
      this.recent.shift();
    return true;
  }
}
