import { describe, expect, it } from 'vitest';
import { PpmFrameReader } from './ppm-frames.js';

const ppm = (w: number, h: number, fill: number) =>
  Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`), Buffer.alloc(w * h * 3, fill)]);

describe('PpmFrameReader', () => {
  it('reads frames split anywhere across chunks, sizes from each header', () => {
    const stream = Buffer.concat([ppm(4, 2, 1), ppm(3, 3, 2), ppm(4, 2, 3)]);
    for (const step of [1, 7, 13, stream.length]) {
      const reader = new PpmFrameReader();
      const frames = [];
      for (let i = 0; i < stream.length; i += step) frames.push(...reader.push(stream.subarray(i, i + step)));
      expect(frames.map((f) => [f.width, f.height, f.data.length, f.data[0]])).toEqual([
        [4, 2, 24, 1],
        [3, 3, 27, 2],
        [4, 2, 24, 3],
      ]);
    }
  });

  it('refuses data that is not 8-bit PPM', () => {
    expect(() => new PpmFrameReader().push(Buffer.from('GIF89a......'))).toThrow(/PPM/);
    expect(() => new PpmFrameReader().push(Buffer.from('P6\n2 2\n65535\n'))).toThrow(/maxval/);
    expect(() => new PpmFrameReader().push(Buffer.from(`P6 ${'1'.repeat(70)}`))).toThrow();
  });
});
