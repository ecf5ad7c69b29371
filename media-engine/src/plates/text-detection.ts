/**
 * Text detection with PaddleOCR's DB model (differentiable binarisation): the model turns an image
 * into a map of the probability that each pixel belongs to text; text regions are the connected
 * areas of that map above a threshold, grown back by the margin the model was trained to shrink
 * them by ("unclip"). Pure functions: the input planes and the boxes of a map.
 */
import type { RgbImage } from '../face/image-sampling.js';

/** Box of a text region in pixels of the image the map was made for: [x1, y1, x2, y2], with its score. */
export interface TextBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** mean probability of the region's pixels */
  readonly score: number;
}

export interface TextBoxOptions {
  /** pixels above this probability are text (PaddleOCR's det_db_thresh) */
  readonly threshold: number;
  /** regions whose mean probability is below this are dropped (det_db_box_thresh) */
  readonly minScore: number;
  /** how far a region is grown: area × ratio / perimeter on every side (det_db_unclip_ratio) */
  readonly unclipRatio: number;
  /** regions shorter or narrower than this (map pixels, before growing) are noise */
  readonly minSide: number;
  /** at most this many regions, best first */
  readonly maxBoxes: number;
}

/** PaddleOCR's defaults for the PP-OCR detection models. */
export const DB_DEFAULTS: TextBoxOptions = {
  threshold: 0.3,
  minScore: 0.6,
  unclipRatio: 1.5,
  minSide: 3,
  maxBoxes: 100,
};

/** ImageNet mean and deviation the detector was trained with, in the planes' order (B, G, R). */
const MEAN = [0.406, 0.456, 0.485] as const;
const STD = [0.225, 0.224, 0.229] as const;

/**
 * The detector's input size for an image: each side a multiple of 32 (its strides), the longer
 * one at most `maxSide`, the aspect ratio kept as closely as those allow.
 */
export function detectorSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round = (v: number) => Math.max(32, Math.round((v * scale) / 32) * 32);
  return { width: round(width), height: round(height) };
}

/** An image already resized to the detector's size → its 1×3×H×W input (B, G, R planes, ImageNet-normalised). */
export function detectorInput(image: RgbImage): Float32Array {
  const { data, width, height } = image;
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    const i = p * 3;
    // planes B, G, R as the model was trained (OpenCV's channel order)
    out[p] = (data[i + 2]! / 255 - MEAN[0]) / STD[0];
    out[p + plane] = (data[i + 1]! / 255 - MEAN[1]) / STD[1];
    out[p + 2 * plane] = (data[i]! / 255 - MEAN[2]) / STD[2];
  }
  return out;
}

/**
 * Text regions of a probability map (`width` × `height`, row-major): 8-connected areas of pixels
 * above `threshold`, scored by their pixels' mean probability, kept when the score reaches
 * `minScore`, then their bounding box grown by `area × unclipRatio / perimeter` on every side
 * (clipped to the map). Boxes are in map pixels, best score first. Axis-aligned: a text line
 * tilted by a few degrees gets the box around it.
 */
export function textBoxes(
  map: Float32Array,
  width: number,
  height: number,
  o: TextBoxOptions = DB_DEFAULTS,
): TextBox[] {
  const label = new Int32Array(width * height);
  const stack: number[] = [];
  const found: TextBox[] = [];
  let next = 0;
  for (let start = 0; start < map.length; start++) {
    if (label[start] !== 0 || !(map[start]! > o.threshold)) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    let sum = 0;
    let count = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      sum += map[p]!;
      count++;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (label[q] === 0 && map[q]! > o.threshold) {
            label[q] = next;
            stack.push(q);
          }
        }
      }
    }
    const w = x2 - x1 + 1;
    const h = y2 - y1 + 1;
    const score = sum / count;
    if (w < o.minSide || h < o.minSide || score < o.minScore) continue;
    const grow = (w * h * o.unclipRatio) / (2 * (w + h));
    found.push({
      x1: Math.max(0, x1 - grow),
      y1: Math.max(0, y1 - grow),
      x2: Math.min(width, x2 + 1 + grow),
      y2: Math.min(height, y2 + 1 + grow),
      score,
    });
  }
  return found.sort((a, b) => b.score - a.score).slice(0, o.maxBoxes);
}

/** A box of the map scaled into the frame it was made from (map size → frame size). */
export function scaleBox(
  box: TextBox,
  from: { width: number; height: number },
  to: { width: number; height: number },
): TextBox {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  return { x1: box.x1 * sx, y1: box.y1 * sy, x2: box.x2 * sx, y2: box.y2 * sy, score: box.score };
}
