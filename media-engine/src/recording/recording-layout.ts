import path from 'node:path';

/**
 * On-disk layout of a camera's recording, under RECORDINGS_DIR/<camera id>/:
 *
 *   live.m3u8                                   live HLS window (last few segments)
 *   snapshot.jpg                                latest JPEG (written atomically by ffmpeg)
 *   YYYY-MM-DD/HH/<start s>-<run>-<seq>-<duration µs>.ts   recorded segments (UTC)
 *   live/<run>-<seq>.ts                         segments of the live-only role (deleted by ffmpeg)
 *
 * The segment name carries its wall-clock start (epoch seconds, when ffmpeg opened it), the
 * ffmpeg run it came from (a restart starts a new run: a discontinuity), its sequence number in
 * that run and its exact duration; ffmpeg writes a segment whole when it ends, so every listed
 * segment is complete.
 */
export const LIVE_PLAYLIST = 'live.m3u8';
export const SNAPSHOT_FILE = 'snapshot.jpg';
export const LIVE_SEGMENT_DIR = 'live';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const RUN_ID = /^[a-z0-9]{1,16}$/;
const SEGMENT_NAME = /^(\d{9,11})-([a-z0-9]{1,16})-(\d{6,})-(\d{9})\.ts$/;
const DAY_DIR = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_DIR = /^\d{2}$/;

export interface SegmentName {
  /** Wall-clock start, epoch milliseconds (second precision). */
  startMs: number;
  durationMs: number;
  runId: string;
  sequence: number;
}

/** The directory of one camera's recording; camera ids are used as directory names, so they must be plain. */
export function cameraRecordingDir(recordingsDir: string, cameraId: string): string {
  if (!SAFE_ID.test(cameraId) || cameraId.includes('..'))
    throw new Error(`camera id not usable as a directory name: ${cameraId}`);
  return path.join(recordingsDir, cameraId);
}

export function assertRunId(runId: string): string {
  if (!RUN_ID.test(runId)) throw new Error(`run id must be 1-16 lower-case letters or digits: ${runId}`);
  return runId;
}

/** A run id from a clock: base-36 milliseconds, unique per camera for runs started ≥1 ms apart. */
export function newRunId(now = Date.now()): string {
  return now.toString(36);
}

/** ffmpeg's -hls_segment_filename for recorded segments (with -strftime 1, TZ=UTC), relative to the camera dir. */
export function recordedSegmentPattern(runId: string): string {
  return `%Y-%m-%d/%H/%s-${assertRunId(runId)}-%%06d-%%09t.ts`;
}

export function liveSegmentPattern(runId: string): string {
  return `${LIVE_SEGMENT_DIR}/${assertRunId(runId)}-%06d.ts`;
}

/** Parses a recorded segment's file name (no directory); undefined when it is not one. */
export function parseSegmentName(fileName: string): SegmentName | undefined {
  const m = SEGMENT_NAME.exec(fileName);
  if (!m) return undefined;
  return {
    startMs: Number(m[1]) * 1000,
    runId: m[2]!,
    sequence: Number(m[3]),
    durationMs: Math.round(Number(m[4]) / 1000),
  };
}

/** A segment's file name, as ffmpeg writes it (for tests and tools that make segments). */
export function segmentFileName(segment: SegmentName): string {
  const start = Math.floor(segment.startMs / 1000);
  return `${start}-${assertRunId(segment.runId)}-${String(segment.sequence).padStart(6, '0')}-${String(Math.round(segment.durationMs * 1000)).padStart(9, '0')}.ts`;
}

/** The hour directory (relative, `YYYY-MM-DD/HH`, UTC) holding segments that start within that hour. */
export function hourDirOf(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)}/${iso.slice(11, 13)}`;
}

/** Start of the hour named by `YYYY-MM-DD` and `HH`, epoch ms; undefined for other names. */
export function hourDirStart(day: string, hour: string): number | undefined {
  if (!DAY_DIR.test(day) || !HOUR_DIR.test(hour)) return undefined;
  const ms = Date.parse(`${day}T${hour}:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isDayDir(name: string): boolean {
  return DAY_DIR.test(name);
}

export const HOUR_MS = 3_600_000;
