import { randomUUID } from 'node:crypto';
import type { Box } from '../client/recognition-events.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { MotionRegion } from './analytics-settings.js';
import { EpisodeHysteresis } from './motion-episodes.js';
import {
  BackgroundModel,
  connectedComponents,
  differenceThreshold,
  dilate,
  gridFactor,
  regionCells,
  toGrayGrid,
  type GrayGrid,
} from './motion-mask.js';

/** The region name of motion detection over the whole frame (no regions configured). */
export const WHOLE_FRAME = 'frame';

export interface MotionOptions {
  readonly sensitivity: number;
  /** the smallest moving share of a region (or of the frame, for blobs) that counts, 0..1 */
  readonly minArea: number;
  /** no regions: the whole frame */
  readonly regions: readonly MotionRegion[];
  /** frames per second, for the episode timing */
  readonly fps: number;
  /** seconds below the threshold that end an episode */
  readonly quietSeconds?: number;
}

export interface MotionEpisodeEvent {
  readonly action: 'appeared' | 'ended';
  /** the episode's id (object_id) */
  readonly objectId: string;
  readonly regionName: string;
  /** the region's bounding box in frame pixels */
  readonly roiBox: Box;
  /** moving share of the region in this frame (ended: the episode's peak) */
  readonly areaFraction: number;
  /** bounding box of the moving cells inside the region, frame pixels */
  readonly box: Box;
  /** the frame the event describes (ended: the frame of the peak) */
  readonly frame: AnalysisFrame;
  /** when the episode started */
  readonly startedAt: number;
}

/** A moving blob of the whole frame, for tracking (line crossing). */
export interface MotionBlob {
  readonly box: Box;
  readonly cells: number;
}

interface RegionState {
  readonly name: string;
  readonly polygon: MotionRegion['polygon'];
  cells: Int32Array;
  roiBox: Box;
  readonly episode: EpisodeHysteresis;
  current?: { id: string; startedAt: number; peak: { areaFraction: number; box: Box; frame: AnalysisFrame } };
}

/** The smallest component of the raw mask that is kept (single noisy cells are not motion). */
const NOISE_CELLS = 2;

/**
 * Motion per region (whole frame when none): the moving share of each region per frame, and
 * episodes with hysteresis, plus the moving blobs of the whole frame for the tracker.
 */
export class MotionDetector {
  private readonly background: BackgroundModel;
  private readonly regions: RegionState[];
  private grid: { width: number; height: number; factor: number; frameWidth: number; frameHeight: number } | undefined;

  constructor(private readonly o: MotionOptions) {
    this.background = new BackgroundModel({ threshold: differenceThreshold(o.sensitivity) });
    const quiet = Math.max(2, Math.ceil((o.quietSeconds ?? 1.5) * o.fps));
    const on = Math.max(o.minArea, 1e-6);
    const polygons = o.regions.length
      ? o.regions.map((r) => ({ name: r.name, polygon: r.polygon }))
      : [{ name: WHOLE_FRAME, polygon: [] }];
    this.regions = polygons.map((r) => ({
      ...r,
      cells: new Int32Array(0),
      roiBox: [0, 0, 0, 0],
      episode: new EpisodeHysteresis({ on, off: on / 2, startFrames: o.fps >= 4 ? 2 : 1, endFrames: quiet }),
    }));
  }

  process(frame: AnalysisFrame): { episodes: MotionEpisodeEvent[]; blobs: MotionBlob[] } {
    const grid = toGrayGrid(frame, gridFactor(frame.width));
    this.layout(grid, frame);
    const mask = this.background.update(grid);
    const { labels } = connectedComponents(mask, grid.width, grid.height, NOISE_CELLS);
    const episodes: MotionEpisodeEvent[] = [];
    for (const region of this.regions) {
      const { fraction, box } = movingIn(region.cells, labels, grid);
      const step = region.episode.update(fraction);
      if (step === 'started') {
        region.current = { id: randomUUID(), startedAt: frame.ts, peak: { areaFraction: fraction, box, frame } };
        episodes.push(this.event('appeared', region, fraction, box, frame));
      } else if (step === 'active' && region.current && fraction > region.current.peak.areaFraction) {
        region.current.peak = { areaFraction: fraction, box, frame };
      } else if (step === 'ended') {
        const ended = this.endEpisode(region);
        if (ended) episodes.push(ended);
      }
    }
    return { episodes, blobs: this.blobs(mask, grid) };
  }

  /** Ends the open episodes (the analyser stops): their `ended` events. */
  finish(): MotionEpisodeEvent[] {
    return this.regions.map((r) => this.endEpisode(r)).filter((e): e is MotionEpisodeEvent => e !== undefined);
  }

  private endEpisode(region: RegionState): MotionEpisodeEvent | undefined {
    const current = region.current;
    region.current = undefined;
    if (!current) return undefined;
    const { areaFraction, box, frame } = current.peak;
    return this.event('ended', region, areaFraction, box, frame, current);
  }

  private event(
    action: 'appeared' | 'ended',
    region: RegionState,
    areaFraction: number,
    box: Box,
    frame: AnalysisFrame,
    episode = region.current!,
  ): MotionEpisodeEvent {
    return {
      action,
      objectId: episode.id,
      regionName: region.name,
      roiBox: region.roiBox,
      areaFraction: Math.round(areaFraction * 10_000) / 10_000,
      box,
      frame,
      startedAt: episode.startedAt,
    };
  }

  private blobs(mask: Uint8Array, grid: GrayGrid): MotionBlob[] {
    const minCells = Math.max(4, Math.ceil(this.o.minArea * grid.width * grid.height));
    const { components } = connectedComponents(
      dilate(mask, grid.width, grid.height, 1),
      grid.width,
      grid.height,
      minCells,
    );
    const f = grid.factor;
    return components.map((c) => ({ box: [c.box[0] * f, c.box[1] * f, c.box[2] * f, c.box[3] * f], cells: c.cells }));
  }

  /** Region cells for this grid size (again when the frame size changes). */
  private layout(grid: GrayGrid, frame: AnalysisFrame): void {
    const g = this.grid;
    if (g && g.width === grid.width && g.height === grid.height && g.frameWidth === frame.width) return;
    this.grid = {
      width: grid.width,
      height: grid.height,
      factor: grid.factor,
      frameWidth: frame.width,
      frameHeight: frame.height,
    };
    this.background.reset();
    for (const region of this.regions) {
      if (region.polygon.length === 0) {
        region.cells = Int32Array.from({ length: grid.width * grid.height }, (_, i) => i);
        region.roiBox = [0, 0, frame.width, frame.height];
      } else {
        region.cells = regionCells(region.polygon, grid.width, grid.height);
        const xs = region.polygon.map((p) => p.x * frame.width);
        const ys = region.polygon.map((p) => p.y * frame.height);
        region.roiBox = [
          Math.floor(Math.min(...xs)),
          Math.floor(Math.min(...ys)),
          Math.ceil(Math.max(...xs)),
          Math.ceil(Math.max(...ys)),
        ];
      }
    }
  }
}

/** Share of a region's cells that belong to kept components, and their bounding box in frame pixels. */
export function movingIn(cells: Int32Array, labels: Int32Array, grid: GrayGrid): { fraction: number; box: Box } {
  if (cells.length === 0) return { fraction: 0, box: [0, 0, 0, 0] };
  let moving = 0;
  let x1 = grid.width;
  let y1 = grid.height;
  let x2 = 0;
  let y2 = 0;
  for (const c of cells) {
    if (!labels[c]) continue;
    moving++;
    const x = c % grid.width;
    const y = (c / grid.width) | 0;
    if (x < x1) x1 = x;
    if (y < y1) y1 = y;
    if (x + 1 > x2) x2 = x + 1;
    if (y + 1 > y2) y2 = y + 1;
  }
  if (moving === 0) return { fraction: 0, box: [0, 0, 0, 0] };
  const f = grid.factor;
  return { fraction: moving / cells.length, box: [x1 * f, y1 * f, x2 * f, y2 * f] };
}
