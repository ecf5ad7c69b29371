import { describe, expect, it } from 'vitest';
import { cropResizeMap, sampleAffine, type RgbImage } from './image-sampling.js';

/** width × height image whose pixel (x, y) is (x·10, y·10, 200). */
function ramp(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x * 10, y * 10, 200], (y * width + x) * 3);
  return { data, width, height };
}

describe('sampleAffine', () => {
  it('copies pixels through the identity map, as R, G, B planes', () => {
    const image = ramp(4, 3);
    const out = sampleAffine(image, [1, 0, 0, 0, 1, 0], 4, 3, 'rgb');
    expect(out[1 * 4 + 2]).toBe(20); // R of (2, 1)
    expect(out[12 + 1 * 4 + 2]).toBe(10); // G of (2, 1)
    expect(out[24 + 5]).toBe(200); // B
  });

  it('interpolates bilinearly between pixels', () => {
    const out = sampleAffine(ramp(4, 4), [1, 0, 0.5, 0, 1, 0.25], 2, 2, 'rgb');
    expect(out[0]).toBeCloseTo(5, 6); // R at x = 0.5
    expect(out[4]).toBeCloseTo(2.5, 6); // G at y = 0.25
  });

  it('is black outside the image', () => {
    const out = sampleAffine(ramp(4, 4), [1, 0, -10, 0, 1, -10], 2, 2, 'rgb');
    expect(Array.from(out)).toEqual(new Array(12).fill(0));
  });

  it('gives one BT.601 luma plane in grey mode and applies the value transform', () => {
    const image: RgbImage = {
      data: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 100, 100]),
      width: 4,
      height: 1,
    };
    const out = sampleAffine(image, [1, 0, 0, 0, 1, 0], 4, 1, 'gray', (v) => v / 256);
    expect(Array.from(out).map((v) => v * 256)).toEqual([
      expect.closeTo(76.245, 3),
      expect.closeTo(149.685, 3),
      expect.closeTo(29.07, 3),
      expect.closeTo(100, 3),
    ]);
  });

  it('samples a rotation: 90° turns columns into rows', () => {
    const image = ramp(3, 3);
    // output (u, v) ← source (v, 2 − u)
    const out = sampleAffine(image, [0, 1, 0, -1, 0, 2], 3, 3, 'rgb');
    expect(out[0]).toBe(0); // R: x = v = 0
    expect(out[9 + 0]).toBe(20); // G: y = 2 − u = 2
  });
});

describe('cropResizeMap', () => {
  it('maps output pixel centres onto the region (OpenCV resize convention)', () => {
    const map = cropResizeMap({ x: 10, y: 20, width: 40, height: 40 }, 4, 4);
    // output pixel 0 covers source 10..20, centre 15 → sample at 14.5 (pixel index space)
    expect(map[0] * 0 + map[2]).toBeCloseTo(14.5, 9);
    expect(map[4] * 3 + map[5]).toBeCloseTo(20 + 35 - 0.5, 9);
  });

  it('downscales a uniform region to the same value', () => {
    const data = new Uint8Array(8 * 8 * 3).fill(90);
    const out = sampleAffine(
      { data, width: 8, height: 8 },
      cropResizeMap({ x: 0, y: 0, width: 8, height: 8 }, 2, 2),
      2,
      2,
      'gray',
    );
    for (const v of out) expect(v).toBeCloseTo(90, 4);
  });
});
