import { describe, expect, it } from 'vitest';
import { DB_DEFAULTS, detectorInput, detectorSize, scaleBox, textBoxes } from './text-detection.js';

/** A probability map of `width` × `height` with `value` inside each rectangle [x1, y1, x2, y2) (exclusive ends). */
function map(
  width: number,
  height: number,
  rects: { at: [number, number, number, number]; value: number }[],
): Float32Array {
  const m = new Float32Array(width * height).fill(0.02);
  for (const { at, value } of rects) {
    const [x1, y1, x2, y2] = at;
    for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) m[y * width + x] = value;
  }
  return m;
}

describe('text boxes of a probability map', () => {
  it('finds each text region, scores it by its mean probability and grows it by area × 1.5 / perimeter', () => {
    const m = map(64, 32, [
      { at: [4, 4, 24, 10], value: 0.9 }, // 20 × 6
      { at: [30, 20, 60, 28], value: 0.7 }, // 30 × 8
    ]);
    const boxes = textBoxes(m, 64, 32);
    expect(boxes).toHaveLength(2);
    const [first, second] = boxes;
    expect(first!.score).toBeCloseTo(0.9, 5);
    // 20 × 6: grown by 120 × 1.5 / 52 ≈ 3.46 on every side
    const g1 = (20 * 6 * 1.5) / 52;
    expect(first).toMatchObject({ x1: expect.closeTo(4 - g1, 5), y1: expect.closeTo(4 - g1, 5) });
    expect(first!.x2).toBeCloseTo(24 + g1, 5);
    expect(first!.y2).toBeCloseTo(10 + g1, 5);
    expect(second!.score).toBeCloseTo(0.7, 5);
    // 30 × 8 grown by 240 × 1.5 / 76 ≈ 4.74, clipped to the map's bottom edge
    expect(second!.x1).toBeCloseTo(30 - (240 * 1.5) / 76, 5);
    expect(second!.y2).toBe(32);
  });

  it('joins diagonal neighbours (8-connected) and keeps apart regions with a gap between them', () => {
    const m = map(40, 20, [
      { at: [2, 2, 6, 6], value: 0.8 },
      { at: [6, 6, 10, 10], value: 0.8 }, // touches the first at a corner
      { at: [20, 2, 30, 8], value: 0.8 },
    ]);
    const boxes = textBoxes(m, 40, 20, { ...DB_DEFAULTS, unclipRatio: 0 });
    expect(boxes.map((b) => [b.x1, b.y1, b.x2, b.y2])).toEqual(
      expect.arrayContaining([
        [2, 2, 10, 10],
        [20, 2, 30, 8],
      ]),
    );
    expect(boxes).toHaveLength(2);
  });

  it('drops regions below the score, thinner than minSide, and pixels at or under the threshold', () => {
    const m = map(64, 32, [
      { at: [2, 2, 30, 10], value: 0.5 }, // mean 0.5 < 0.6
      { at: [40, 2, 60, 4], value: 0.95 }, // 2 px high < 3
      { at: [2, 20, 30, 28], value: 0.3 }, // not above 0.3
    ]);
    expect(textBoxes(m, 64, 32)).toEqual([]);
    expect(textBoxes(m, 64, 32, { ...DB_DEFAULTS, minScore: 0.4 })).toHaveLength(1);
  });

  it('keeps the best maxBoxes', () => {
    const rects = Array.from({ length: 5 }, (_, i) => ({
      at: [2 + i * 12, 2, 10 + i * 12, 10] as [number, number, number, number],
      value: 0.6 + i * 0.07,
    }));
    const boxes = textBoxes(map(64, 16, rects), 64, 16, { ...DB_DEFAULTS, maxBoxes: 2 });
    expect(boxes.map((b) => Math.round(b.score * 100))).toEqual([88, 81]);
  });

  it('scales boxes from the map to the frame', () => {
    expect(
      scaleBox(
        { x1: 10, y1: 20, x2: 30, y2: 40, score: 0.9 },
        { width: 640, height: 352 },
        { width: 640, height: 360 },
      ),
    ).toEqual({
      x1: 10,
      y1: 20 * (360 / 352),
      x2: 30,
      y2: 40 * (360 / 352),
      score: 0.9,
    });
  });
});

describe('detector input', () => {
  it('rounds each side to a multiple of 32 within the longest side allowed', () => {
    expect(detectorSize(640, 360, 960)).toEqual({ width: 640, height: 352 });
    expect(detectorSize(1920, 1080, 960)).toEqual({ width: 960, height: 544 });
    expect(detectorSize(20, 10, 960)).toEqual({ width: 32, height: 32 });
  });

  it('gives planes B, G, R normalised with the ImageNet mean and deviation', () => {
    const input = detectorInput({ data: new Uint8Array([255, 0, 128]), width: 1, height: 1 });
    expect(input[0]).toBeCloseTo((128 / 255 - 0.406) / 0.225, 5);
    expect(input[1]).toBeCloseTo((0 - 0.456) / 0.224, 5);
    expect(input[2]).toBeCloseTo((1 - 0.485) / 0.229, 5);
  });
});
