import { describe, expect, it } from 'vitest';
import { ProgressParser } from './progress.js';

describe('ProgressParser', () => {
  it('returns one block per progress= line', () => {
    const p = new ProgressParser();
    const lines = [
      'frame=55',
      'fps=53.08',
      'bitrate=N/A',
      'total_size=N/A',
      'out_time_us=2160000',
      'speed=2.08x',
      'progress=continue',
      'frame=81',
      'out_time_us=N/A',
      'out_time_ms=3200000',
      'total_size=1024',
      'speed=N/A',
      'progress=end',
    ];
    const blocks = lines.map((l) => p.push(l)).filter((b) => b !== undefined);
    expect(blocks).toEqual([
      { frame: 55, outTimeUs: 2160000, speed: 2.08, totalSize: undefined, done: false },
      { frame: 81, outTimeUs: 3200000, speed: undefined, totalSize: 1024, done: true },
    ]);
  });

  it('ignores lines that are not key=value', () => {
    const p = new ProgressParser();
    expect(p.push('garbage')).toBeUndefined();
    expect(p.push('=x')).toBeUndefined();
    expect(p.push('progress=continue')).toEqual({
      frame: 0,
      outTimeUs: undefined,
      speed: undefined,
      totalSize: undefined,
      done: false,
    });
  });
});
