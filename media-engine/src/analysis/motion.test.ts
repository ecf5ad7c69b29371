import { describe, expect, it } from 'vitest';
import type { AnalysisFrame } from './analysis-frame.js';
import { MotionDetector, WHOLE_FRAME } from './motion-detector.js';
import { EpisodeHysteresis } from './motion-episodes.js';
import { BackgroundModel, connectedComponents, differenceThreshold, regionCells, toGrayGrid } from './motion-mask.js';

const W = 320;
const H = 160;

/** A grey frame with a white square of `size` px at (x, y), if any. */
function frame(seq: number, square?: { x: number; y: number; size: number }): AnalysisFrame {
  const data = new Uint8Array(W * H * 3).fill(60);
  if (square) {
    for (let y = square.y; y < Math.min(H, square.y + square.size); y++)
      for (let x = square.x; x < Math.min(W, square.x + square.size); x++)
        data.fill(230, (y * W + x) * 3, (y * W + x) * 3 + 3);
  }
  return { data, width: W, height: H, ts: seq * 500, seq };
}

describe('motion mask', () => {
  it('averages the frame into a grey grid and thresholds differences by sensitivity', () => {
    const grid = toGrayGrid(frame(0, { x: 0, y: 0, size: 2 }), 2);
    expect(grid.width).toBe(160);
    expect(grid.data[0]).toBe(230);
    expect(grid.data[1]).toBe(60);
    expect(differenceThreshold(0)).toBe(60);
    expect(differenceThreshold(0.5)).toBe(34);
    expect(differenceThreshold(1)).toBe(8);
  });

  it('finds moving cells against the learnt background, and forgets a still object slowly', () => {
    const model = new BackgroundModel({ threshold: 30 });
    const empty = toGrayGrid(frame(0), 2);
    expect(model.update(empty).some(Boolean)).toBe(false);
    const withSquare = toGrayGrid(frame(1, { x: 20, y: 20, size: 20 }), 2);
    const mask = model.update(withSquare);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(100);
    const { components } = connectedComponents(mask, empty.width, empty.height);
    expect(components).toHaveLength(1);
    expect(components[0]!.box).toEqual([10, 10, 20, 20]);
    // still there a few frames later: still moving (foreground learns at 1 %)
    for (let i = 0; i < 5; i++) model.update(withSquare);
    expect(model.update(withSquare).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('drops components smaller than minCells from the labels', () => {
    const mask = new Uint8Array(25);
    mask[0] = 1;
    mask[12] = 1;
    mask[13] = 1;
    const { components, labels } = connectedComponents(mask, 5, 5, 2);
    expect(components).toHaveLength(1);
    expect(labels[0]).toBe(0);
    expect(labels[12]).toBeGreaterThan(0);
  });

  it('rasterises a region polygon onto the grid', () => {
    const cells = regionCells(
      [
        { x: 0, y: 0 },
        { x: 0.5, y: 0 },
        { x: 0.5, y: 1 },
        { x: 0, y: 1 },
      ],
      10,
      4,
    );
    expect(cells.length).toBe(20);
    expect([...cells].every((c) => c % 10 < 5)).toBe(true);
  });
});

describe('EpisodeHysteresis', () => {
  it('starts at `on`, survives dips above `off`, ends after endFrames quiet frames', () => {
    const h = new EpisodeHysteresis({ on: 0.1, off: 0.05, startFrames: 1, endFrames: 2 });
    expect(h.update(0.05)).toBe('idle');
    expect(h.update(0.2)).toBe('started');
    expect(h.update(0.06)).toBe('active');
    expect(h.update(0.01)).toBe('active');
    expect(h.update(0.3)).toBe('active');
    expect(h.update(0.0)).toBe('active');
    expect(h.update(0.0)).toBe('ended');
    expect(h.update(0.0)).toBe('idle');
  });

  it('needs startFrames consecutive frames above `on`', () => {
    const h = new EpisodeHysteresis({ on: 0.1, off: 0.05, startFrames: 2, endFrames: 1 });
    expect(h.update(0.2)).toBe('idle');
    expect(h.update(0.0)).toBe('idle');
    expect(h.update(0.2)).toBe('idle');
    expect(h.update(0.2)).toBe('started');
  });
});

describe('MotionDetector', () => {
  it('reports one episode per movement in a region, none in a region elsewhere', () => {
    const detector = new MotionDetector({
      sensitivity: 0.5,
      minArea: 0.02,
      fps: 2,
      regions: [
        {
          name: 'left',
          polygon: [
            { x: 0, y: 0 },
            { x: 0.5, y: 0 },
            { x: 0.5, y: 1 },
            { x: 0, y: 1 },
          ],
        },
        {
          name: 'right',
          polygon: [
            { x: 0.5, y: 0 },
            { x: 1, y: 0 },
            { x: 1, y: 1 },
            { x: 0.5, y: 1 },
          ],
        },
      ],
    });
    const events = [];
    let seq = 0;
    for (let i = 0; i < 3; i++) events.push(...detector.process(frame(seq++)).episodes);
    for (let x = 10; x < 120; x += 12) events.push(...detector.process(frame(seq++, { x, y: 40, size: 30 })).episodes);
    for (let i = 0; i < 6; i++) events.push(...detector.process(frame(seq++)).episodes);
    expect(events.map((e) => [e.regionName, e.action])).toEqual([
      ['left', 'appeared'],
      ['left', 'ended'],
    ]);
    expect(events[0]!.objectId).toBe(events[1]!.objectId);
    expect(events[0]!.roiBox).toEqual([0, 0, 160, 160]);
    expect(events[1]!.areaFraction).toBeGreaterThan(events[0]!.areaFraction - 1e-9);
    const [x1, y1, x2, y2] = events[0]!.box;
    expect(x1).toBeGreaterThanOrEqual(8);
    expect(y1).toBeGreaterThanOrEqual(38);
    expect(x2).toBeLessThanOrEqual(44);
    expect(y2).toBeLessThanOrEqual(72);
  });

  it('watches the whole frame without regions and ends an open episode on finish', () => {
    const detector = new MotionDetector({ sensitivity: 0.5, minArea: 0.01, fps: 2, regions: [] });
    detector.process(frame(0));
    const started = detector.process(frame(1, { x: 100, y: 50, size: 40 })).episodes;
    expect(started).toHaveLength(1);
    expect(started[0]!.regionName).toBe(WHOLE_FRAME);
    expect(started[0]!.roiBox).toEqual([0, 0, W, H]);
    expect(started[0]!.areaFraction).toBeCloseTo((40 * 40) / (W * H), 3);
    const ended = detector.finish();
    expect(ended.map((e) => e.action)).toEqual(['ended']);
    expect(detector.finish()).toEqual([]);
  });

  it('gives the moving blobs of the whole frame for tracking', () => {
    const detector = new MotionDetector({ sensitivity: 0.5, minArea: 0.005, fps: 2, regions: [] });
    detector.process(frame(0));
    const { blobs } = detector.process(frame(1, { x: 200, y: 60, size: 30 }));
    expect(blobs).toHaveLength(1);
    const [x1, y1, x2, y2] = blobs[0]!.box;
    expect(x1).toBeLessThanOrEqual(200);
    expect(x2).toBeGreaterThanOrEqual(230);
    expect(y1).toBeLessThanOrEqual(60);
    expect(y2).toBeGreaterThanOrEqual(90);
  });
});
