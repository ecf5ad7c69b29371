import type { IngestCamera } from '../ffmpeg/camera-source.js';
import { buildFfmpegArgs, type FfmpegOptions } from '../ffmpeg/ffmpeg-args.js';

/** The file descriptor ffmpeg writes the analysed frames to (stdout keeps its -progress report). */
export const FRAMES_FD = 3;
/** The file descriptor ffmpeg writes each analysed frame's number and presentation time to. */
export const TIMES_FD = 4;

export interface AnalysisFfmpegOptions extends Omit<FfmpegOptions, 'snapshot' | 'runId'> {
  /** frames per second handed to the detectors */
  readonly fps: number;
  /** frames wider than this are scaled down to it (aspect kept, even height); never scaled up */
  readonly maxWidth: number;
}

/**
 * ffmpeg arguments decoding a camera to RGB frames at `fps`, at most `maxWidth` wide, as PPM
 * images on fd 3, and a line `frame:N pts:P pts_time:S` per frame on fd 4 before it (the
 * metadata filter tags every frame and prints the tagged ones, unbuffered). The input (transport, timeouts, wall-clock timestamps, credentials) is the
 * ingest's own: the arguments buildFfmpegArgs gives up to and including `-i <source>`.
 * Holds the source credentials: log only through redactArgs.
 */
export function buildAnalysisArgs(camera: IngestCamera, options: AnalysisFfmpegOptions): string[] {
  const { fps, maxWidth, ...ffmpeg } = options;
  if (!Number.isFinite(fps) || fps <= 0) throw new Error('fps must be a positive number');
  if (!Number.isInteger(maxWidth) || maxWidth < 16) throw new Error('maxWidth must be an integer of at least 16');
  const base = buildFfmpegArgs(camera, 'snapshot', { ...ffmpeg, snapshot: { keyframesOnly: false, fps } });
  const input = base.indexOf('-i');
  if (input < 0) throw new Error('the ingest arguments have no input');
  return [
    ...base.slice(0, input + 2),
    '-map',
    '0:v:0',
    '-an',
    '-vf',
    `fps=${fps},scale=w='min(iw,${maxWidth})':h=-2:flags=bilinear,format=rgb24,` +
      `metadata=mode=add:key=argus_frame:value=1,metadata=mode=print:key=argus_frame:file=pipe\\\\:${TIMES_FD}:direct=1`,
    '-c:v',
    'ppm',
    '-f',
    'image2pipe',
    `pipe:${FRAMES_FD}`,
  ];
}
