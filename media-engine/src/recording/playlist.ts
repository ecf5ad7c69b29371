import { continues } from './segment-index.js';
import type { SegmentName } from './recording-layout.js';

export interface PlaylistOptions<S> {
  /** The URI written for a segment: a relative path, or a signed URL. */
  uri: (segment: S) => string;
  /** Close the playlist (a recorded range); false for a list that may grow. */
  endList?: boolean;
}

/**
 * An HLS media playlist (m3u8) for recorded segments in time order. A break between runs or
 * sequence numbers gets EXT-X-DISCONTINUITY; each continuous block starts with
 * EXT-X-PROGRAM-DATE-TIME and players extend it by the durations. Pure.
 */
export function buildPlaylist<S extends SegmentName>(segments: readonly S[], options: PlaylistOptions<S>): string {
  const longest = segments.reduce((max, s) => Math.max(max, s.durationMs), 1000);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(longest / 1000)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
  ];
  if (options.endList ?? true) lines.push('#EXT-X-PLAYLIST-TYPE:VOD');
  let previous: S | undefined;
  for (const segment of segments) {
    const joined = previous !== undefined && continues(previous, segment);
    if (previous !== undefined && !joined) lines.push('#EXT-X-DISCONTINUITY');
    if (!joined) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(segment.startMs).toISOString()}`);
    lines.push(`#EXTINF:${(segment.durationMs / 1000).toFixed(3)},`, options.uri(segment));
    previous = segment;
  }
  if (options.endList ?? true) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
