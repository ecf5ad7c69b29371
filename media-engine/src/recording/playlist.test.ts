import { describe, expect, it } from 'vitest';
import { buildPlaylist } from './playlist.js';

const seg = (startS: number, runId: string, sequence: number, durationMs = 2000) => ({
  startMs: startS * 1000,
  runId,
  sequence,
  durationMs,
  name: `${runId}-${sequence}.ts`,
});

describe('buildPlaylist', () => {
  it('writes a closed VOD playlist with program date times at the start of each continuous block', () => {
    const text = buildPlaylist([seg(1700000000, 'a', 0), seg(1700000002, 'a', 1, 2500), seg(1700000010, 'b', 0)], {
      uri: (s) => `seg/${s.name}`,
    });
    expect(text).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:3',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.000Z',
        '#EXTINF:2.000,',
        'seg/a-0.ts',
        '#EXTINF:2.500,',
        'seg/a-1.ts',
        '#EXT-X-DISCONTINUITY',
        '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:30.000Z',
        '#EXTINF:2.000,',
        'seg/b-0.ts',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing segment of the same run as a discontinuity', () => {
    const text = buildPlaylist([seg(0, 'a', 0), seg(4, 'a', 2)], { uri: (s) => s.name });
    expect(text).toContain('#EXT-X-DISCONTINUITY');
  });

  it('leaves an open list open', () => {
    const text = buildPlaylist([seg(0, 'a', 0)], { uri: (s) => s.name, endList: false });
    expect(text).not.toContain('ENDLIST');
    expect(text).not.toContain('VOD');
  });
});
