import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../face/image-sampling.js';
import { PLATE_FIXTURES, PLATE_NUMBERS } from '../../test/analysis/synthetic-videos.js';
import { FramePlateReader } from './plate-reader.js';

/** The real PaddleOCR models on the synthetic plate fixtures, at the sizes the engine analyses. */
let reader: FramePlateReader;
const filter = { minConfidence: 0.5, minSizePx: 60 };

beforeAll(async () => {
  reader = await FramePlateReader.create();
});

afterAll(async () => {
  await reader?.release();
});

async function rgb(file: string, width: number): Promise<RgbImage> {
  const { data, info } = await sharp(await readFile(new URL(file, PLATE_FIXTURES)))
    .resize({ width })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

describe('reading the fixture plates', () => {
  it.each(PLATE_NUMBERS)('reads scene_%s.jpg at 640 × 360 as its number, one plate at its place', async (number) => {
    const clock = { total: 0, inference: 0 };
    const reads = await reader.read(await rgb(`scene_${number}.jpg`, 640), filter, clock);
    expect(reads.map((r) => r.number)).toEqual([number]);
    const [x1, y1, x2, y2] = reads[0]!.box;
    // the plate is centred horizontally, below the middle
    expect(x1).toBeGreaterThan(240);
    expect(x2).toBeLessThan(440);
    expect(y1).toBeGreaterThan(200);
    expect(y2).toBeLessThan(280);
    expect(reads[0]!.confidence).toBeGreaterThan(0.9);
    expect(clock.inference).toBeGreaterThan(0);
    expect(clock.total).toBeGreaterThanOrEqual(clock.inference);
  });

  // 150 px: the plate of the moving-plate video (300 px in 1280 × 720) in the analysed 640-wide frame
  it.each(PLATE_NUMBERS)('reads plate_%s.png alone, 150 px wide, as its number', async (number) => {
    const reads = await reader.read(await rgb(`plate_${number}.png`, 150), filter, { total: 0, inference: 0 });
    expect(reads.map((r) => r.number)).toEqual([number]);
  });

  it('finds nothing in a frame without text, and refuses text lines narrower than min_size_px', async () => {
    const grey: RgbImage = { data: new Uint8Array(640 * 360 * 3).fill(120), width: 640, height: 360 };
    expect(await reader.read(grey, filter, { total: 0, inference: 0 })).toEqual([]);
    const scene = await rgb('scene_AB123CD.jpg', 640);
    expect(await reader.read(scene, { ...filter, minSizePx: 200 }, { total: 0, inference: 0 })).toEqual([]);
  });
});
