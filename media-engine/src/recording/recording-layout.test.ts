import { describe, expect, it } from 'vitest';
import {
  cameraRecordingDir,
  hourDirOf,
  hourDirStart,
  newRunId,
  parseSegmentName,
  recordedSegmentPattern,
  segmentFileName,
} from './recording-layout.js';

describe('recording layout', () => {
  it('parses the names ffmpeg writes with the recorded segment pattern', () => {
    expect(recordedSegmentPattern('r1')).toBe('%Y-%m-%d/%H/%s-r1-%%06d-%%09t.ts');
    expect(parseSegmentName('1795808227-r1-000012-002960000.ts')).toEqual({
      startMs: 1795808227000,
      runId: 'r1',
      sequence: 12,
      durationMs: 2960,
    });
  });

  it.each([
    'live.m3u8',
    'snapshot.jpg',
    '1795808227-R1-000012-002960000.ts',
    '1795808227-r1-12-002960000.ts',
    '1795808227-r1-000012-2960000.ts',
    'x.ts',
  ])('%s is not a segment', (name) => {
    expect(parseSegmentName(name)).toBeUndefined();
  });

  it('writes names that parse back', () => {
    const s = { startMs: 1700000000000, runId: 'abc', sequence: 3, durationMs: 2040 };
    expect(segmentFileName(s)).toBe('1700000000-abc-000003-002040000.ts');
    expect(parseSegmentName(segmentFileName(s))).toEqual(s);
  });

  it('names hour folders in UTC', () => {
    expect(hourDirOf(Date.parse('2026-01-02T03:59:59.999Z'))).toBe('2026-01-02/03');
    expect(hourDirStart('2026-01-02', '03')).toBe(Date.parse('2026-01-02T03:00:00Z'));
    expect(hourDirStart('2026-01-02', 'x')).toBeUndefined();
  });

  it('takes plain camera ids as directory names and refuses others', () => {
    expect(cameraRecordingDir('/rec', '3f1c2a9e-1b2c-4d5e-8f90-123456789abc')).toBe(
      '/rec/3f1c2a9e-1b2c-4d5e-8f90-123456789abc',
    );
    for (const bad of ['..', '../x', 'a/b', '', '.hidden']) expect(() => cameraRecordingDir('/rec', bad)).toThrow();
  });

  it('makes run ids that fit segment names', () => {
    expect(newRunId(1_795_808_227_123)).toMatch(/^[a-z0-9]{1,16}$/);
  });
});
