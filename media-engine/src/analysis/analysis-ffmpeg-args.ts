import type { IngestCamera } from '../ffmpeg/camera-source.js';
import { buildFfmpegArgs, type FfmpegOptions } from '../ffmpeg/ffmpeg-args.js';

/** The file descriptor ffmpeg writes the analysed frames to (stdout keeps its -progress report). */
export const FRAMES_FD = 3;

export interface AnalysisFfmpegOptions extends Omit<FfmpegOptions, 'snapshot' | 'runId'> {
  /** frames per second handed to the detectors */
  readonly fps: number;
  /** frames wider than this are scaled down to it (aspect kept, even height); never scaled up */
  readonly maxWidth: number;
}

/**
 * ffmpeg arguments decoding a camera to RGB frames at `fps`, at most `maxWidth` wide, as PPM
 * images on fd 3. The input (transport, timeouts, wall-clock timestamps, credentials) is the
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
    `fps=${fps},scale=w='min(iw,${maxWidth})':h=-2:flags=bilinear,format=rgb24`,
    '-c:v',
    'ppm',
    '-f',
    'image2pipe',
    `pipe:${FRAMES_FD}`,
  ];
}
