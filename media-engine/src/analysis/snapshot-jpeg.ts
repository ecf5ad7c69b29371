import sharp from 'sharp';
import type { RgbImage } from '../face/image-sampling.js';

/** JPEG of a decoded frame (libvips through sharp, off the event loop). */
export async function encodeJpeg(frame: RgbImage, quality = 80): Promise<Buffer> {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality, mozjpeg: false })
    .toBuffer();
}
