export interface ClipArgsInput {
  /** An ffconcat list of the segments (see concatList). */
  listFile: string;
  /**
   * Where the clip starts in the joined segments, seconds: 0, or a point in the first segment's
   * second GOP or later (see keyframeOffset), so that ffmpeg's seek lands on the key frame before.
   */
  offsetSec: number;
  durationSec: number;
  /** The MP4 to write. */
  output: string;
}

/** ffmpeg arguments that cut a clip out of recorded segments by stream copy into a fast-start MP4, with -progress. Pure. */
export function buildClipArgs(input: ClipArgsInput): string[] {
  if (!(input.durationSec > 0)) throw new Error('durationSec must be positive');
  return [
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
    ...(input.offsetSec > 0 ? ['-ss', seconds(input.offsetSec)] : []),
    '-i',
    input.listFile,
    '-t',
    seconds(input.durationSec),
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
    input.output,
  ];
}

/** An ffconcat list of segment files with their durations (so gaps and restarts join cleanly). Pure. */
export function concatList(segments: ReadonlyArray<{ path: string; durationMs: number }>): string {
  const lines = ['ffconcat version 1.0'];
  for (const s of segments) {
    lines.push(`file '${s.path.replace(/'/g, "'\\''")}'`, `duration ${seconds(s.durationMs / 1000)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** ffprobe arguments listing a segment's start time and its video packets' times and flags. Pure. */
export function buildKeyframeProbeArgs(file: string): string[] {
  return [
    '-hide_banner',
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'format=start_time:packet=pts_time,flags',
    '-of',
    'json',
    file,
  ];
}

/**
 * Key-frame times of a segment from buildKeyframeProbeArgs' JSON, in seconds from the segment's
 * start, ascending. Pure.
 */
export function keyframeTimes(json: {
  format?: { start_time?: string };
  packets?: Array<{ pts_time?: string; flags?: string }>;
}): number[] {
  const start = Number(json.format?.start_time ?? 0) || 0;
  return (json.packets ?? [])
    .filter((p) => p.flags?.includes('K') && p.pts_time !== undefined)
    .map((p) => Number(p.pts_time) - start)
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
}

/**
 * Where to seek for a clip that starts `wantedSec` into its first segment: the last key frame at
 * or before it. ffmpeg's MPEG-TS seek does not find a key frame at the very start of a file (it
 * goes on to the next one), so the first GOP is reached by not seeking at all (offset 0), and a
 * later key frame by seeking just past it. Pure.
 */
export function keyframeOffset(
  keyframes: readonly number[],
  wantedSec: number,
): { seekSec: number; keyframeSec: number } {
  const before = keyframes.filter((k) => k <= wantedSec + 1e-6);
  const keyframe = before.at(-1) ?? 0;
  if (keyframe <= 0.001) return { seekSec: 0, keyframeSec: 0 };
  return { seekSec: keyframe + 0.01, keyframeSec: keyframe };
}

function seconds(value: number): string {
  return value.toFixed(3);
}
