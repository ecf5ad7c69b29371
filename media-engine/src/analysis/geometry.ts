import type { Box } from '../client/recognition-events.js';

/** A point in pixels of the analysed frame. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export function boxArea(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

/** Intersection over union, 0 when either box is empty. */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function centroid(b: Box): Point {
  return { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 };
}

export function contains(b: Box, p: Point): boolean {
  return p.x >= b[0] && p.x <= b[2] && p.y >= b[1] && p.y <= b[3];
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Rounds a box to whole pixels inside width × height. */
export function roundBox(b: Box, width: number, height: number): Box {
  return [
    Math.max(0, Math.floor(b[0])),
    Math.max(0, Math.floor(b[1])),
    Math.min(width, Math.ceil(b[2])),
    Math.min(height, Math.ceil(b[3])),
  ];
}

/** Even-odd rule; the polygon in the same units as the point. */
export function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Whether segments p0–p1 and q0–q1 meet (touching counts). */
export function segmentsIntersect(p0: Point, p1: Point, q0: Point, q1: Point): boolean {
  const d1 = cross(q0, q1, p0);
  const d2 = cross(q0, q1, p1);
  const d3 = cross(p0, p1, q0);
  const d4 = cross(p0, p1, q1);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(q0, q1, p0)) ||
    (d2 === 0 && onSegment(q0, q1, p1)) ||
    (d3 === 0 && onSegment(p0, p1, q0)) ||
    (d4 === 0 && onSegment(p0, p1, q1))
  );
}

/** z of (b − a) × (p − a); in image coordinates (y down) negative means p is left of a→b as seen on screen. */
export function cross(a: Point, b: Point, p: Point): number {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return (
    Math.min(a.x, b.x) <= p.x && p.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= p.y && p.y <= Math.max(a.y, b.y)
  );
}
