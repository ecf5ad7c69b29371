import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  estimateSimilarity,
  invertTransform,
  transformScale,
  type SimilarityTransform,
} from './similarity-transform.js';

const points = [
  { x: 10, y: 20 },
  { x: 40, y: 18 },
  { x: 25, y: 35 },
  { x: 14, y: 50 },
  { x: 37, y: 49 },
];

function expectClose(actual: SimilarityTransform, expected: SimilarityTransform) {
  expect(actual.a).toBeCloseTo(expected.a, 9);
  expect(actual.b).toBeCloseTo(expected.b, 9);
  expect(actual.tx).toBeCloseTo(expected.tx, 9);
  expect(actual.ty).toBeCloseTo(expected.ty, 9);
}

describe('estimateSimilarity', () => {
  it('recovers a known rotation, scale and translation exactly', () => {
    const theta = 0.3;
    const known = { a: 1.7 * Math.cos(theta), b: 1.7 * Math.sin(theta), tx: -12, ty: 33 };
    const moved = points.map((p) => applyTransform(known, p));
    expectClose(estimateSimilarity(points, moved), known);
  });

  it('is the identity for identical point sets', () => {
    expectClose(estimateSimilarity(points, points), { a: 1, b: 0, tx: 0, ty: 0 });
  });

  it('fits noisy points in the least-squares sense', () => {
    const known = { a: 0.5, b: 0, tx: 3, ty: 4 };
    const noisy = points.map((p, i) => {
      const q = applyTransform(known, p);
      return { x: q.x + (i % 2 ? 0.2 : -0.2), y: q.y };
    });
    const fitted = estimateSimilarity(points, noisy);
    expect(transformScale(fitted)).toBeCloseTo(0.5, 1);
    expect(fitted.tx).toBeCloseTo(3, 0);
  });

  it('never reflects: a mirrored set gives a rotation, not a flip', () => {
    const mirrored = points.map((p) => ({ x: -p.x, y: p.y }));
    const t = estimateSimilarity(points, mirrored);
    expect(Number.isFinite(t.a) && Number.isFinite(t.b)).toBe(true);
    const mapped = points.map((p) => applyTransform(t, p));
    const error = mapped.reduce((s, p, i) => s + Math.hypot(p.x - mirrored[i]!.x, p.y - mirrored[i]!.y), 0);
    expect(error).toBeGreaterThan(1);
  });

  it('refuses degenerate input', () => {
    expect(() => estimateSimilarity([points[0]!], [points[0]!])).toThrow(RangeError);
    expect(() => estimateSimilarity([points[0]!, points[0]!], [points[1]!, points[2]!])).toThrow(/coincide/);
    expect(() => estimateSimilarity(points, points.slice(1))).toThrow(RangeError);
  });
});

describe('invertTransform', () => {
  it('undoes the transform', () => {
    const t = { a: 1.2, b: -0.4, tx: 7, ty: -3 };
    const inverse = invertTransform(t);
    for (const p of points) {
      const back = applyTransform(inverse, applyTransform(t, p));
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
  });

  it('refuses a zero-scale transform', () => {
    expect(() => invertTransform({ a: 0, b: 0, tx: 1, ty: 1 })).toThrow(RangeError);
  });
});
