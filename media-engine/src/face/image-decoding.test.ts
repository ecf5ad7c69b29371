import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, resizeRgb } from './image-decoding.js';

/** 40×20 image: left half red, right half blue. */
const halves = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: 'red' } }).composite([
    { input: { create: { width: 20, height: 20, channels: 3, background: 'blue' } }, left: 20, top: 0 },
  ]);

describe('decodeImage', () => {
  it('decodes JPEG, PNG and WebP into 8-bit RGB', async () => {
    for (const encode of [(s: Sharp) => s.jpeg(), (s: Sharp) => s.png(), (s: Sharp) => s.webp({ lossless: true })]) {
      const result = await decodeImage(await encode(halves()).toBuffer());
      expect(result.status).toBe('success');
      if (result.status !== 'success') continue;
      expect(result.value).toMatchObject({ width: 40, height: 20 });
      expect(result.value.data.length).toBe(40 * 20 * 3);
      expect(result.value.data[0]).toBeGreaterThan(200); // red
      expect(result.value.data[(10 * 40 + 35) * 3 + 2]).toBeGreaterThan(200); // blue
    }
  });

  it('drops alpha and turns grey images into RGB', async () => {
    const rgba = await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const grey = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'gray' } })
      .greyscale()
      .jpeg()
      .toBuffer();
    for (const input of [rgba, grey]) {
      const result = await decodeImage(input);
      expect(result.status === 'success' && result.value.data.length).toBe(8 * 8 * 3);
    }
  });

  it('applies the EXIF orientation', async () => {
    // stored 20×40 turned a quarter, tagged orientation 6 (display rotated 90° clockwise)
    const stored = await halves().rotate(270).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const result = await decodeImage(stored);
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(result.value).toMatchObject({ width: 40, height: 20 });
    expect(result.value.data[0]).toBeGreaterThan(200);
  });

  it('fails a JPEG whose header is cut as corrupt image', async () => {
    const jpeg = await halves().jpeg().toBuffer();
    const result = await decodeImage(jpeg.subarray(0, 40));
    expect(result.status === 'failed' && result.reason).toMatch(/^corrupt image: /);
  });

  it('fails text, empty and other formats as unsupported image', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
      .gif()
      .toBuffer();
    for (const input of [Buffer.from('just some text, not an image\n'), Buffer.alloc(0), gif]) {
      expect(await decodeImage(input)).toEqual({ status: 'failed', reason: 'unsupported image' });
    }
  });

  it('fails a truncated JPEG as corrupt image', async () => {
    const noise = Buffer.from(Array.from({ length: 96 * 96 * 3 }, (_, i) => (i * 7919) % 251));
    const jpeg = await sharp(noise, { raw: { width: 96, height: 96, channels: 3 } })
      .jpeg()
      .toBuffer();
    const result = await decodeImage(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.reason).toMatch(/^corrupt image: /);
  });
});

describe('resizeRgb', () => {
  it('resizes to exactly the given size, not keeping the aspect ratio', async () => {
    const decoded = await decodeImage(await halves().png().toBuffer());
    if (decoded.status !== 'success') throw new Error(decoded.reason);
    const resized = await resizeRgb(decoded.value, 32, 24);
    expect(resized).toMatchObject({ width: 32, height: 24 });
    expect(resized.data.length).toBe(32 * 24 * 3);
  });
});
