import { describe, expect, it } from 'vitest';
import type { OcrClock, PlateRead } from '../plates/plate-reader.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { PlateStage, type PlateTrackEvent } from './plate-stage.js';

/** A reader stand-in (the OCR models): the plates of each frame by its seq, answered when the test releases it. */
class ScriptedReader {
  readonly read_: number[] = [];
  private release: (() => void)[] = [];

  constructor(
    private readonly plates: (seq: number) => PlateRead[],
    private readonly held = false,
  ) {}

  async read(frame: AnalysisFrame, _filter: unknown, clock: OcrClock): Promise<PlateRead[]> {
    if (this.held) await new Promise<void>((resolve) => this.release.push(resolve));
    this.read_.push(frame.seq);
    clock.total += 1;
    return this.plates(frame.seq);
  }

  next(): void {
    this.release.shift()?.();
  }
}

const frame = (seq: number): AnalysisFrame => ({
  data: new Uint8Array(0),
  width: 640,
  height: 360,
  ts: seq * 500,
  seq,
});
const plate = (number: string, x: number, confidence = 0.95): PlateRead => ({
  box: [x, 200, x + 140, 236],
  detectionScore: 0.99,
  number,
  confidence,
  text: number,
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

function stage(reader: ScriptedReader, events: PlateTrackEvent[]): PlateStage {
  return new PlateStage({
    reader,
    minConfidence: 0.5,
    minSizePx: 60,
    fps: 2,
    onEvent: (e) => events.push(e),
    maxWaiting: 2,
  });
}

describe('PlateStage', () => {
  it('reads one frame at a time, keeps at most maxWaiting and drops the oldest beyond', async () => {
    const reader = new ScriptedReader(() => [], true);
    const s = stage(reader, []);
    for (let seq = 0; seq < 6; seq++) s.offer(frame(seq)); // 0 is taken at once; 1..5 wait, 2 kept
    expect(s.counts.dropped).toBe(3);
    for (let i = 0; i < 3; i++) {
      await tick();
      reader.next();
    }
    await s.idle();
    expect(reader.read_).toEqual([0, 4, 5]);
    expect(s.counts).toMatchObject({ analysed: 3, dropped: 3 });
  });

  it('reports each pass of a plate once, when two readings agree, on the object of its track', async () => {
    // seq 0–5: AB123CD driving right (one misread); 6–9: nothing; 10–13: the same plate again
    const reads = (seq: number): PlateRead[] => {
      if (seq <= 5) return [plate(seq === 1 ? 'A8123CD' : 'AB123CD', 40 + seq * 60)];
      if (seq >= 10) return [plate('AB123CD', 300)];
      return [];
    };
    const events: PlateTrackEvent[] = [];
    const s = stage(new ScriptedReader(reads), events);
    for (let seq = 0; seq < 14; seq++) {
      s.offer(frame(seq));
      await s.idle();
    }
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
    const events: PlateTrackEvent[] = [];
    const s = stage(new ScriptedReader(reads), events);
    for (let seq = 0; seq < 6; seq++) {
      s.offer(frame(seq));
      await s.idle();
    }
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
    const events: PlateTrackEvent[] = [];
    const s = stage(new ScriptedReader(reads), events);
    for (let seq = 0; seq < 6; seq++) {
      s.offer(frame(seq));
      await s.idle();
    }
    expect(events.map((e) => [e.action, e.number, e.frame.seq])).toEqual([
      ['appeared', 'AB123CD', 1],
      ['appeared', 'GH2024', 4],
    ]);
    expect(events[1]!.objectId).not.toBe(events[0]!.objectId);
  });
});
