import { describe, expect, it } from 'vitest';
import { sniffContentType } from './content-sniffing.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('sniffContentType', () => {
  it.each([
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46)],
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d)],
    ['image/gif', text('GIF89a\x01\x00\x01\x00')],
    ['image/gif', text('GIF87a\x01\x00\x01\x00')],
    ['image/webp', text('RIFF\x24\x00\x00\x00WEBPVP8 ')],
    ['image/bmp', bytes(0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0)],
    ['image/tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)],
  ])('recognises %s', (mimeType, head) => {
    expect(sniffContentType(head)).toBe(mimeType);
  });

  it.each([
    ['text', text('just some text, named photo.jpg')],
    ['JSON', text('{"looks":"like an image"}')],
    ['an empty file', bytes()],
    ['a truncated JPEG marker', bytes(0xff, 0xd8)],
    ['a RIFF file that is not WebP', text('RIFF\x24\x00\x00\x00WAVEfmt ')],
    ['SVG (scripts run in it)', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
  ])('refuses %s', (_, head) => {
    expect(sniffContentType(head)).toBeUndefined();
  });
});
