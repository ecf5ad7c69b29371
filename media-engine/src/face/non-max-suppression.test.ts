import { describe, expect, it } from 'vitest';
import { intersectionOverUnion, nonMaxSuppression } from './non-max-suppression.js';

const box = (x_min: number, y_min: number, x_max: number, y_max: number, score = 1) => ({
  x_min,
  y_min,
  x_max,
  y_max,
  score,
});

describe('intersectionOverUnion', () => {
  it('is 1 for identical boxes, 0 for disjoint or touching ones', () => {
    expect(intersectionOverUnion(box(0, 0, 10, 10), box(0, 0, 10, 10))).toBe(1);
    expect(intersectionOverUnion(box(0, 0, 10, 10), box(20, 20, 30, 30))).toBe(0);
    expect(intersectionOverUnion(box(0, 0, 10, 10), box(10, 0, 20, 10))).toBe(0);
  });

  it('is intersection over union for overlapping boxes', () => {
    // 5×10 overlap = 50; union 100 + 100 − 50 = 150
    expect(intersectionOverUnion(box(0, 0, 10, 10), box(5, 0, 15, 10))).toBeCloseTo(1 / 3, 9);
  });
});

describe('nonMaxSuppression', () => {
  it('keeps the best of overlapping boxes and every separate one, best first', () => {
    const kept = nonMaxSuppression(
      [box(1, 1, 11, 11, 0.8), box(0, 0, 10, 10, 0.95), box(50, 50, 60, 60, 0.9), box(2, 0, 12, 10, 0.7)],
      0.3,
    );
    expect(kept.map((b) => b.score)).toEqual([0.95, 0.9]);
  });

  it('keeps boxes that overlap less than the threshold', () => {
    const kept = nonMaxSuppression([box(0, 0, 10, 10, 0.9), box(5, 0, 15, 10, 0.8)], 0.4);
    expect(kept).toHaveLength(2);
  });

  it('drops empty boxes and considers at most topK candidates', () => {
    expect(nonMaxSuppression([box(5, 5, 5, 9, 0.99), box(0, 0, 1, 1, 0.5)], 0.3)).toHaveLength(1);
    expect(
      nonMaxSuppression([box(0, 0, 1, 1, 0.5), box(5, 5, 6, 6, 0.9), box(9, 9, 10, 10, 0.7)], 0.3, 2).map(
        (b) => b.score,
      ),
    ).toEqual([0.9, 0.7]);
  });

  it('returns nothing for no boxes', () => {
    expect(nonMaxSuppression([], 0.3)).toEqual([]);
  });
});
