import sharp from 'sharp';
import { failed, success, type JobResult } from './job-result.js';
import type { RgbImage } from './image-sampling.js';

/** Formats the face analysis accepts. */
export const FACE_IMAGE_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type FaceImageFormat = (typeof FACE_IMAGE_FORMATS)[number];

/** Decoded images larger than this (pixels) are refused rather than risk the memory. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * Decodes a JPEG, PNG or WebP into 8-bit RGB with its EXIF orientation applied (so pixel
 * coordinates match what a viewer shows). Anything else fails with 'unsupported image'; a
 * damaged file fails with 'corrupt image: …'.
 */
export async function decodeImage(input: Buffer): Promise<JobResult<RgbImage>> {
  if (!sniffFormat(input)) return failed('unsupported image');
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning' })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) return failed(`corrupt image: decoded to ${info.channels} channels`);
    return success({
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) return failed(`image too large (over ${MAX_IMAGE_PIXELS} pixels)`);
    return failed(`corrupt image: ${message}`);
  }
}

/** The format its magic bytes announce, if one of FACE_IMAGE_FORMATS. */
export function sniffFormat(input: Uint8Array): FaceImageFormat | undefined {
  const starts = (bytes: number[], at = 0) =>
    input.length >= at + bytes.length && bytes.every((b, i) => input[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}

/** Resizes a decoded image to exactly width × height (aspect ratio not kept), as the detector wants. */
export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height };
}
