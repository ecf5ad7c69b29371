import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION, decodeDetections, detectorInput } from './face-detection.js';

/** Raw outputs for priors given as [score, x_min, y_min, x_max, y_max] fractions. */
function outputs(priors: number[][]) {
  const scores = new Float32Array(priors.length * 2);
  const boxes = new Float32Array(priors.length * 4);
  priors.forEach(([score, ...box], i) => {
    scores[i * 2] = 1 - score!;
    scores[i * 2 + 1] = score!;
    boxes.set(box, i * 4);
  });
  return { scores, boxes };
}

describe('decodeDetections', () => {
  it('scales fractions to the original image and drops low scores', () => {
    const { scores, boxes } = outputs([
      [0.99, 0.25, 0.25, 0.5, 0.75],
      [0.3, 0.6, 0.1, 0.9, 0.4],
    ]);
    const faces = decodeDetections(scores, boxes, 640, 400);
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({ x_min: 160, y_min: 100, x_max: 320, y_max: 300 });
    expect(faces[0]!.score).toBeCloseTo(0.99, 6);
  });

  it('merges overlapping priors into the best one and clamps boxes to the image', () => {
    const { scores, boxes } = outputs([
      [0.9, -0.1, 0.1, 0.3, 0.5],
      [0.95, -0.08, 0.12, 0.31, 0.52],
      [0.8, 0.6, 0.6, 0.8, 0.9],
    ]);
    const faces = decodeDetections(scores, boxes, 100, 100);
    expect(faces.map((f) => f.score)).toEqual([expect.closeTo(0.95, 6), expect.closeTo(0.8, 6)]);
    expect(faces[0]!.x_min).toBe(0);
  });

  it('drops faces smaller than the minimum size', () => {
    const { scores, boxes } = outputs([[0.99, 0.1, 0.1, 0.12, 0.12]]);
    expect(decodeDetections(scores, boxes, 320, 240, { ...DEFAULT_DETECTION, minFaceSize: 12 })).toEqual([]);
  });
});

describe('detectorInput', () => {
  it('is planar RGB as (p − 127) / 128', () => {
    const data = new Uint8Array([255, 127, 0, 0, 0, 0]);
    const out = detectorInput({ data, width: 2, height: 1 });
    expect(Array.from(out)).toEqual([1, -127 / 128, 0, -127 / 128, -127 / 128, -127 / 128]);
  });
});
