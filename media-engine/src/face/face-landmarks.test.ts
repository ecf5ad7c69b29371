import { describe, expect, it } from 'vitest';
import { decodeLandmarks, fivePointsFrom68, landmarkCropRegion, landmarkInput } from './face-landmarks.js';

describe('landmarkCropRegion', () => {
  it('is the square of the box height centred on the box', () => {
    expect(landmarkCropRegion({ x_min: 100, y_min: 50, x_max: 180, y_max: 150 })).toEqual({
      x: 90,
      y: 50,
      width: 100,
      height: 100,
    });
  });
});

describe('decodeLandmarks', () => {
  it('maps crop fractions to image pixels', () => {
    const output = new Float32Array(136);
    output[0] = 0.5;
    output[1] = 0.25;
    output[135] = 1;
    const points = decodeLandmarks(output, { x: 10, y: 20, width: 100, height: 100 });
    expect(points).toHaveLength(68);
    expect(points[0]).toEqual({ x: 60, y: 45 });
    expect(points[67]).toEqual({ x: 10, y: 120 });
  });

  it('refuses a short output', () => {
    expect(() => decodeLandmarks(new Float32Array(10), { x: 0, y: 0, width: 1, height: 1 })).toThrow(RangeError);
  });
});

describe('fivePointsFrom68', () => {
  it('averages eye lids and lip corners and takes the nose tip', () => {
    const points = Array.from({ length: 68 }, (_, i) => ({ x: i, y: 2 * i }));
    expect(fivePointsFrom68(points)).toEqual([
      { x: (37 + 38 + 40 + 41) / 4, y: (37 + 38 + 40 + 41) / 2 },
      { x: (43 + 44 + 46 + 47) / 4, y: (43 + 44 + 46 + 47) / 2 },
      { x: 30, y: 60 },
      { x: 54, y: 108 },
      { x: 59, y: 118 },
    ]);
  });

  it('wants all 68 points', () => {
    expect(() => fivePointsFrom68([{ x: 0, y: 0 }])).toThrow(RangeError);
  });
});

describe('landmarkInput', () => {
  it('is a 64×64 grey plane scaled by 1/256', () => {
    const data = new Uint8Array(10 * 10 * 3).fill(128);
    const out = landmarkInput({ data, width: 10, height: 10 }, { x: 0, y: 0, width: 10, height: 10 });
    expect(out).toHaveLength(64 * 64);
    expect(out[64 * 32 + 32]).toBeCloseTo(0.5, 5);
  });
});
