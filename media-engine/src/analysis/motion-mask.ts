import type { Box } from '../client/recognition-events.js';
import type { RgbImage } from '../face/image-sampling.js';
import { insidePolygon, type Point } from './geometry.js';

/**
 * Background subtraction on a small grayscale copy of the frame: the frame is box-averaged down
 * by an integer `factor` (about 160 cells wide), compared with a running-average background, and
 * the cells differing by more than a threshold are "in motion". The background follows the scene
 * (light, parked objects) at `learnRate` per frame where nothing moves and at `foregroundLearnRate`
 * where something does, so an object that stops fades into the background within
 * a few tens of frames instead of at once.
 */
export interface GrayGrid {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** frame pixels per cell, in each direction */
  readonly factor: number;
}

export const MOTION_GRID_WIDTH = 160;

export function gridFactor(frameWidth: number, targetWidth = MOTION_GRID_WIDTH): number {
  return Math.max(1, Math.round(frameWidth / targetWidth));
}

/** Luma (BT.601) averaged over factor × factor blocks; a partial block at the edge is dropped. */
export function toGrayGrid(frame: RgbImage, factor: number): GrayGrid {
  const width = Math.max(1, Math.floor(frame.width / factor));
  const height = Math.max(1, Math.floor(frame.height / factor));
  const sums = new Float64Array(width * height);
  const { data } = frame;
  const stride = frame.width * 3;
  for (let y = 0; y < height * factor; y++) {
    const row = (y / factor) | 0;
    let i = y * stride;
    for (let x = 0; x < width * factor; x++, i += 3) {
      sums[row * width + ((x / factor) | 0)]! += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    }
  }
  const out = new Uint8Array(width * height);
  const n = factor * factor;
  for (let c = 0; c < out.length; c++) out[c] = Math.round(sums[c]! / n);
  return { data: out, width, height, factor };
}

/**
 * Grey-level difference that counts as motion for a sensitivity in 0..1:
 * 60 at 0 (least sensitive) down to 8 at 1 (most), 34 at the default 0.5.
 */
export function differenceThreshold(sensitivity: number): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return Math.round(8 + (1 - s) * 52);
}

export interface BackgroundOptions {
  readonly threshold: number;
  readonly learnRate?: number;
  readonly foregroundLearnRate?: number;
}

export class BackgroundModel {
  private background: Float32Array | undefined;
  private size = { width: 0, height: 0 };
  private readonly learnRate: number;
  private readonly foregroundLearnRate: number;

  constructor(private readonly o: BackgroundOptions) {
    this.learnRate = o.learnRate ?? 0.1;
    this.foregroundLearnRate = o.foregroundLearnRate ?? 0.01;
  }

  /** The motion mask of this grid (1 = moving), learning it into the background. The first grid learns only. */
  update(grid: GrayGrid): Uint8Array {
    const mask = new Uint8Array(grid.data.length);
    const bg = this.background;
    if (!bg || this.size.width !== grid.width || this.size.height !== grid.height) {
      this.background = Float32Array.from(grid.data);
      this.size = { width: grid.width, height: grid.height };
      return mask;
    }
    const t = this.o.threshold;
    for (let i = 0; i < mask.length; i++) {
      const v = grid.data[i]!;
      const d = v - bg[i]!;
      const moving = d > t || d < -t;
      mask[i] = moving ? 1 : 0;
      bg[i] = bg[i]! + (moving ? this.foregroundLearnRate : this.learnRate) * d;
    }
    return mask;
  }

  reset(): void {
    this.background = undefined;
  }
}

export interface Component {
  /** cell box, inclusive-exclusive: [x1, y1, x2, y2] */
  readonly box: Box;
  readonly cells: number;
  readonly label: number;
}

/**
 * 8-connected components of a mask with at least `minCells` cells; `labels` gives each cell its
 * component's label (0 for none, or for a component too small).
 */
export function connectedComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  minCells = 1,
): { components: Component[]; labels: Int32Array } {
  const labels = new Int32Array(mask.length);
  const stack = new Int32Array(mask.length);
  const components: Component[] = [];
  let next = 1;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = next++;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let cells = 0;
    let x1 = width;
    let y1 = height;
    let x2 = 0;
    let y2 = 0;
    const members: number[] = [];
    while (top > 0) {
      const i = stack[--top]!;
      members.push(i);
      cells++;
      const x = i % width;
      const y = (i / width) | 0;
      if (x < x1) x1 = x;
      if (y < y1) y1 = y;
      if (x + 1 > x2) x2 = x + 1;
      if (y + 1 > y2) y2 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (mask[j] && !labels[j]) {
            labels[j] = label;
            stack[top++] = j;
          }
        }
      }
    }
    if (cells >= minCells) components.push({ box: [x1, y1, x2, y2], cells, label });
    else for (const i of members) labels[i] = 0;
  }
  return { components, labels };
}

/** Sets every cell within `radius` cells of a set cell (square neighbourhood). */
export function dilate(mask: Uint8Array, width: number, height: number, radius = 1): Uint8Array {
  if (radius <= 0) return mask;
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
        out.fill(1, yy * width + Math.max(0, x - radius), yy * width + Math.min(width - 1, x + radius) + 1);
      }
    }
  }
  return out;
}

/** The cells of a grid whose centres lie inside a polygon given in fractions of the frame. */
export function regionCells(polygon: readonly Point[], width: number, height: number): Int32Array {
  const cells: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (insidePolygon({ x: (x + 0.5) / width, y: (y + 0.5) / height }, polygon)) cells.push(y * width + x);
    }
  }
  return Int32Array.from(cells);
}
