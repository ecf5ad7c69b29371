import {
  LIVE_PLAYLIST,
  LIVE_SEGMENT_DIR,
  SNAPSHOT_FILE,
  assertRunId,
  liveSegmentPattern,
  recordedSegmentPattern,
} from '../recording/recording-layout.js';
import { sourceUrlWithCredentials, type IngestCamera } from './camera-source.js';

/**
 * What one ffmpeg process does for a camera:
 * - record: HLS segments by stream copy with wall-clock names, a live playlist window, a snapshot;
 * - live: a live HLS window only (segments in live/, deleted as they leave it; the folder must
 *   exist), a snapshot;
 * - snapshot: only the snapshot.
 */
export type FfmpegRole = 'record' | 'live' | 'snapshot';

export interface SnapshotOptions {
  /** Largest width of the JPEG (never upscaled). */
  maxWidth?: number;
  /** JPEG quality 2 (best) – 31. */
  quality?: number;
  /** Decode key frames only (cheap: one frame per GOP); otherwise decode all frames and keep `fps`. */
  keyframesOnly?: boolean;
  /** Snapshots per second when all frames are decoded. */
  fps?: number;
}

export interface FfmpegOptions {
  /** Names this run's segments; a new run id per ffmpeg start (see recording-layout.ts). */
  runId?: string;
  /** Target segment length in seconds (cut at the next key frame). */
  hlsTimeSec?: number;
  /** Entries of live.m3u8. */
  liveListSize?: number;
  /** Socket I/O timeout of the RTSP input (ffmpeg -timeout). */
  socketTimeoutMs?: number;
  /**
   * How much of the input ffmpeg reads to learn its streams before writing (-analyzeduration).
   * What it reads is then written in a burst, so a short time keeps segment times close to real.
   */
  analyzeDurationMs?: number;
  /** JPEG snapshot output; false for none. */
  snapshot?: SnapshotOptions | false;
  /**
   * Stamp packets with their arrival time instead of the source's RTP/RTCP time (default true).
   * Sources whose timestamps jump (seen with GStreamer's RTSP server when clients join) would
   * otherwise make ffmpeg's HLS muxer stop cutting segments; arrival times always advance.
   */
  wallclockTimestamps?: boolean;
  /** Copy the first audio stream too (it must fit MPEG-TS: AAC, MP3, AC-3; not G.711). */
  audio?: boolean;
  logLevel?: 'error' | 'warning' | 'info';
  /** Period of the -progress report on stdout, seconds. */
  statsPeriodSec?: number;
}

export const FFMPEG_DEFAULTS = {
  hlsTimeSec: 2,
  liveListSize: 6,
  socketTimeoutMs: 10_000,
  analyzeDurationMs: 1000,
  logLevel: 'error',
  statsPeriodSec: 1,
  snapshot: { maxWidth: 640, quality: 5, keyframesOnly: true, fps: 1 },
} as const;

/**
 * ffmpeg arguments for one camera and role. Pure. Output paths are relative: run ffmpeg with the
 * camera's recording directory as its working directory and TZ=UTC (the runner's startFfmpeg does
 * the latter), so the live playlist refers to segments relatively and day/hour folders are UTC.
 * The returned arguments hold the source credentials: log them only through redactArgs.
 */
export function buildFfmpegArgs(camera: IngestCamera, role: FfmpegRole, options: FfmpegOptions = {}): string[] {
  const runId = assertRunId(options.runId ?? '0');
  const hlsTime = positive(options.hlsTimeSec ?? FFMPEG_DEFAULTS.hlsTimeSec, 'hlsTimeSec');
  const listSize = Math.round(positive(options.liveListSize ?? FFMPEG_DEFAULTS.liveListSize, 'liveListSize'));
  const snapshot = options.snapshot === false ? undefined : { ...FFMPEG_DEFAULTS.snapshot, ...options.snapshot };
  if (role === 'snapshot' && !snapshot) throw new Error('the snapshot role needs snapshot output');

  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-y',
    '-loglevel',
    options.logLevel ?? FFMPEG_DEFAULTS.logLevel,
    '-progress',
    'pipe:1',
    '-stats_period',
    String(options.statsPeriodSec ?? FFMPEG_DEFAULTS.statsPeriodSec),
    ...inputArgs(camera, options, snapshot?.keyframesOnly ?? false),
  ];
  if (role === 'record') {
    args.push(
      ...streamCopy(options.audio),
      '-f',
      'hls',
      '-hls_time',
      String(hlsTime),
      '-hls_list_size',
      String(listSize),
      '-hls_flags',
      'program_date_time+append_list+omit_endlist+second_level_segment_index+second_level_segment_duration',
      '-strftime',
      '1',
      '-strftime_mkdir',
      '1',
      '-hls_segment_filename',
      recordedSegmentPattern(runId),
      LIVE_PLAYLIST,
    );
  } else if (role === 'live') {
    args.push(
      ...streamCopy(options.audio),
      '-f',
      'hls',
      '-hls_time',
      String(hlsTime),
      '-hls_list_size',
      String(listSize),
      '-hls_flags',
      'program_date_time+delete_segments+omit_endlist+discont_start+temp_file',
      '-hls_segment_filename',
      liveSegmentPattern(runId),
      '-hls_base_url',
      `${LIVE_SEGMENT_DIR}/`,
      LIVE_PLAYLIST,
    );
  }
  if (snapshot) args.push(...snapshotOutput(snapshot));
  return args;
}

function inputArgs(camera: IngestCamera, options: FfmpegOptions, keyframesOnly: boolean): string[] {
  const transport = camera.source.transport ?? 'tcp';
  const socketTimeoutMs = positive(options.socketTimeoutMs ?? FFMPEG_DEFAULTS.socketTimeoutMs, 'socketTimeoutMs');
  const analyzeMs = positive(options.analyzeDurationMs ?? FFMPEG_DEFAULTS.analyzeDurationMs, 'analyzeDurationMs');
  const args: string[] = [];
  if (transport !== 'auto') args.push('-rtsp_transport', transport);
  args.push(
    '-timeout',
    String(Math.round(socketTimeoutMs * 1000)),
    '-analyzeduration',
    String(Math.round(analyzeMs * 1000)),
  );
  if (options.wallclockTimestamps ?? true) args.push('-use_wallclock_as_timestamps', '1');
  // A decoder option: only the snapshot output decodes; stream-copied outputs are not affected.
  if (keyframesOnly) args.push('-skip_frame', 'nokey');
  args.push('-i', sourceUrlWithCredentials(camera.source));
  return args;
}

function streamCopy(audio = false): string[] {
  return ['-map', '0:v:0', ...(audio ? ['-map', '0:a:0?'] : []), '-c', 'copy'];
}

function snapshotOutput(s: Required<SnapshotOptions>): string[] {
  const scale = `scale=w='min(iw,${Math.round(positive(s.maxWidth, 'snapshot.maxWidth'))})':h=-2`;
  const filter = s.keyframesOnly ? scale : `fps=${positive(s.fps, 'snapshot.fps')},${scale}`;
  return [
    '-map',
    '0:v:0',
    '-an',
    '-vf',
    filter,
    '-q:v',
    String(Math.min(31, Math.max(2, Math.round(s.quality)))),
    '-update',
    '1',
    '-atomic_writing',
    '1',
    '-f',
    'image2',
    SNAPSHOT_FILE,
  ];
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}
