import { describe, expect, it } from 'vitest';
import { epochSecondsToIso, toRestSegmentIndex, toRestSegmentList } from './segment.js';

describe('segment models', () => {
  it('maps segments to the REST SegmentList, the span covering each segment in whole seconds', () => {
    expect(
      toRestSegmentList([
        {
          startsAt: '2025-01-02T03:04:05.000Z',
          endsAt: '2025-01-02T03:04:07.040Z',
          url: 'http://edge-1:8554/recordings/c/a.ts?expires=1&signature=s1',
          signature: 's1',
        },
        {
          startsAt: '2025-01-02T03:04:07.040Z',
          endsAt: '2025-01-02T03:04:09.000Z',
          url: 'http://edge-1:8554/recordings/c/b.ts?expires=1&signature=s2',
          signature: 's2',
        },
      ]),
    ).toEqual({
      segments: [
        {
          segment_url: 'http://edge-1:8554/recordings/c/a.ts?expires=1&signature=s1',
          ts_start: 1735787045,
          ts_end: 1735787048,
          signature: 's1',
        },
        {
          segment_url: 'http://edge-1:8554/recordings/c/b.ts?expires=1&signature=s2',
          ts_start: 1735787047,
          ts_end: 1735787049,
          signature: 's2',
        },
      ],
    });
    expect(toRestSegmentList([])).toEqual({ segments: [] });
  });

  it('maps the playlist to the REST SegmentIndex', () => {
    expect(
      toRestSegmentIndex({ url: 'http://h/recordings/c/index/1-2.m3u8?expires=9&signature=x', signature: 'x' }),
    ).toEqual({ index_url: 'http://h/recordings/c/index/1-2.m3u8?expires=9&signature=x', signature: 'x' });
  });

  it('turns epoch seconds into a DateTime', () => {
    expect(epochSecondsToIso(1735787045)).toBe('2025-01-02T03:04:05.000Z');
    expect(epochSecondsToIso(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
