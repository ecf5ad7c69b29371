import { describe, expect, it } from 'vitest';
import type { PlateRead } from '../plates/plate-reader.js';
import { frame } from '../../test/analysis/stage-frames.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { PlateStage, type PlateTrackEvent } from './plate-stage.js';

const plate = (number: string, x: number, confidence = 0.95): PlateRead => ({
  box: [x, 200, x + 140, 236],
  detectionScore: 0.99,
  number,
  confidence,
  text: number,
});

/** What a stage reports reading `count` frames one after the other, the plates of each by its seq as `reads` says. */
async function eventsOf(reads: (seq: number) => PlateRead[], count: number): Promise<PlateTrackEvent[]> {
  const events: PlateTrackEvent[] = [];
  const stage = new PlateStage({
    reader: { read: async (frame: AnalysisFrame) => reads(frame.seq) },
    minConfidence: 0.5,
    minSizePx: 60,
    fps: 2,
    onEvent: (e) => events.push(e),
    maxWaiting: 2,
  });
  for (let seq = 0; seq < count; seq++) {
    stage.offer(frame(seq));
    await stage.idle();
  }
  return events;
}

describe('PlateStage', () => {
  it('reports each pass of a plate once, when two readings agree, on the object of its track', async () => {
    // seq 0–5: AB123CD driving right (one misread); 6–9: nothing; 10–13: the same plate again
    const reads = (seq: number): PlateRead[] => {
      if (seq <= 5) return [plate(seq === 1 ? 'A8123CD' : 'AB123CD', 40 + seq * 60)];
      if (seq >= 10) return [plate('AB123CD', 300)];
      return [];
    };
    const events = await eventsOf(reads, 14);
    expect(events.map((e) => [e.action, e.number, e.frame.seq])).toEqual([
      ['appeared', 'AB123CD', 2],
      ['appeared', 'AB123CD', 11],
    ]);
    expect(events[0]!.objectId).not.toBe(events[1]!.objectId);
    expect(events[0]!.box).toEqual([160, 200, 300, 236]);
  });

  it('tells two plates in one frame apart and reports a better-supported reading as improved', async () => {
    const reads = (seq: number): PlateRead[] => [
      plate(seq < 2 ? 'KL45MNF' : 'KL45MNP', 20, seq < 2 ? 0.6 : 0.95),
      plate('GH2024', 400),
    ];
    const events = await eventsOf(reads, 6);
    expect(events.map((e) => [e.action, e.number, e.frame.seq])).toEqual([
      ['appeared', 'KL45MNF', 1],
      ['appeared', 'GH2024', 1],
      ['improved', 'KL45MNP', 3],
    ]);
    expect(events[2]!.objectId).toBe(events[0]!.objectId);
    expect(events[1]!.objectId).not.toBe(events[0]!.objectId);
  });

  it('takes an unlike number where a plate just was for another vehicle (frames between lost)', async () => {
    const reads = (seq: number): PlateRead[] => [plate(seq < 3 ? 'AB123CD' : 'GH2024', 250)];
    const events = await eventsOf(reads, 6);
    expect(events.map((e) => [e.action, e.number, e.frame.seq])).toEqual([
      ['appeared', 'AB123CD', 1],
      ['appeared', 'GH2024', 4],
    ]);
    expect(events[1]!.objectId).not.toBe(events[0]!.objectId);
  });
});
