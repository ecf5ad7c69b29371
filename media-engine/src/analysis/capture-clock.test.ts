import { describe, expect, it } from 'vitest';
import { CaptureClock, parseFrameTime } from './capture-clock.js';

describe('capture times of analysed frames', () => {
  it('dates frames by their presentation time from the fastest-decoded frame, also after a stall', () => {
    const clock = new CaptureClock();
    const start = 1_800_000_000_000;
    // 2 fps; decoding takes 120 ms, then 80 ms (the run's start is re-estimated from the faster frame)
    expect(clock.stamp(start + 120, 0)).toBe(start + 120);
    expect(clock.stamp(start + 580, 500)).toBe(start + 500 + 80);
    expect(clock.stamp(start + 1_080, 1_000)).toBe(start + 1_000 + 80);
    // the decoder is starved for 3 s: the frames of 1.5 s..3.5 s are read together at 4.6 s
    const late = [1_500, 2_000, 2_500, 3_000, 3_500].map((pts) => clock.stamp(start + 4_600, pts));
    expect(late).toEqual([1_580, 2_080, 2_580, 3_080, 3_580].map((ms) => start + ms));
  });

  it('never dates a frame after it was read or before the previous one; without a time, when read', () => {
    const clock = new CaptureClock();
    expect(clock.stamp(10_000, 0)).toBe(10_000);
    // a frame that claims to be later than it was read is dated when read
    expect(clock.stamp(10_200, 900)).toBe(10_200);
    // an unknown time: when read
    expect(clock.stamp(10_700, undefined)).toBe(10_700);
    // a presentation time that went backwards does not move the clock back
    expect(clock.stamp(10_800, 100)).toBe(10_700);
  });

  it('reads the metadata filter’s lines, and nothing else', () => {
    expect(parseFrameTime('frame:12   pts:6       pts_time:3')).toEqual({ frame: 12, ptsMs: 3000 });
    expect(parseFrameTime('frame:0    pts:0       pts_time:0')).toEqual({ frame: 0, ptsMs: 0 });
    expect(parseFrameTime('frame:3    pts:7       pts_time:1.75')).toEqual({ frame: 3, ptsMs: 1750 });
    expect(parseFrameTime('argus_frame=1')).toBeUndefined();
    expect(parseFrameTime('frame:1 pts:NOPTS pts_time:NOPTS')).toBeUndefined();
  });
});
