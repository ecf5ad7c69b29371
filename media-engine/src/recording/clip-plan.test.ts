import { describe, expect, it } from 'vitest';
import { buildClipArgs, concatList, keyframeOffset, keyframeTimes } from './clip-args.js';
import { planClip } from './clip.js';
import { alignSegmentTimes } from './segment-index.js';

const seg = (startS: number, sequence: number, durationMs = 2000, runId = 'a') => ({
  startMs: startS * 1000,
  endMs: startS * 1000 + durationMs,
  durationMs,
  runId,
  sequence,
  relativePath: `x/${sequence}.ts`,
  path: `/rec/cam/x/${sequence}.ts`,
});

describe('planClip', () => {
  it('starts inside the first segment and copies the overlap', () => {
    expect(planClip([seg(100, 0), seg(102, 1), seg(104, 2)], 101_000, 105_000)).toEqual({
      offsetMs: 1000,
      durationMs: 4000,
      startMs: 101_000,
      endMs: 105_000,
    });
  });

  it('leaves gaps in the recording out of the duration', () => {
    expect(planClip([seg(100, 0), seg(110, 0, 2000, 'b')], 99_000, 120_000)).toEqual({
      offsetMs: 0,
      durationMs: 4000,
      startMs: 100_000,
      endMs: 112_000,
    });
  });

  it('is undefined when nothing overlaps', () => {
    expect(planClip([seg(100, 0)], 102_000, 103_000)).toBeUndefined();
  });
});

describe('clip arguments', () => {
  it('seeks in the input, copies, and writes a fast-start MP4', () => {
    expect(
      buildClipArgs({ listFile: '/t/l.ffconcat', offsetSec: 1.51, durationSec: 60, output: '/t/c.mp4.part' }),
    ).toEqual([
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'error',
      '-progress',
      'pipe:1',
      '-stats_period',
      '0.5',
      '-f',
      'concat',
      '-safe',
      '0',
      '-ss',
      '1.510',
      '-i',
      '/t/l.ffconcat',
      '-t',
      '60.000',
      '-map',
      '0:v:0',
      '-map',
      '0:a?',
      '-c',
      'copy',
      '-avoid_negative_ts',
      'make_zero',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '-y',
      '/t/c.mp4.part',
    ]);
    expect(buildClipArgs({ listFile: 'l', offsetSec: 0, durationSec: 5, output: 'o' })).not.toContain('-ss');
    expect(() => buildClipArgs({ listFile: 'l', offsetSec: 0, durationSec: 0, output: 'o' })).toThrow();
  });

  it('lists segments with durations, quoting paths', () => {
    expect(concatList([{ path: "/r/it's.ts", durationMs: 2040 }])).toBe(
      "ffconcat version 1.0\nfile '/r/it'\\''s.ts'\nduration 2.040\n",
    );
  });

  it('reads key-frame times relative to the segment start', () => {
    const json = {
      format: { start_time: '4.358333' },
      packets: [
        { pts_time: '4.358333', flags: 'K_' },
        { pts_time: '4.398444', flags: '__' },
        { pts_time: '5.358333', flags: 'K_' },
        { flags: 'K_' },
      ],
    };
    expect(keyframeTimes(json).map((t) => t.toFixed(3))).toEqual(['0.000', '1.000']);
    expect(keyframeTimes({})).toEqual([]);
  });

  it.each([
    [[0, 1, 2], 0.3, { seekSec: 0, keyframeSec: 0 }],
    [[0, 1, 2], 1.3, { seekSec: 1.01, keyframeSec: 1 }],
    [[0, 1, 2], 2, { seekSec: 2.01, keyframeSec: 2 }],
    [[], 1.5, { seekSec: 0, keyframeSec: 0 }],
  ])('key frames %j, wanted %s s → %j', (keyframes, wanted, expected) => {
    expect(keyframeOffset(keyframes, wanted)).toEqual(expected);
  });
});

describe('alignSegmentTimes', () => {
  it('moves segments written in a burst back so that each ends where the next starts', () => {
    // ffmpeg caught up on 3 s of buffered video at second 103: three segments named 103.
    const aligned = alignSegmentTimes([
      seg(103, 0, 1000),
      seg(103, 1, 1000),
      seg(103, 2, 1000),
      seg(104, 3, 1000),
      seg(105, 4, 1000),
    ]);
    expect(aligned.map((s) => [s.startMs / 1000, s.endMs / 1000])).toEqual([
      [101, 102],
      [102, 103],
      [103, 104],
      [104, 105],
      [105, 106],
    ]);
  });

  it('never moves a segment later, and leaves other runs alone', () => {
    const aligned = alignSegmentTimes([seg(100, 0, 2000), seg(110, 1, 2000), seg(105, 0, 2000, 'b')]);
    expect(aligned.map((s) => `${s.runId}${s.sequence}@${s.startMs / 1000}`)).toEqual(['a0@100', 'b0@105', 'a1@110']);
  });
});
