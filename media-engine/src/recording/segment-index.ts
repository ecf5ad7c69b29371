import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { HOUR_MS, hourDirStart, isDayDir, parseSegmentName, type SegmentName } from './recording-layout.js';

/** A recorded segment on disk. Times are wall-clock epoch ms; starts have second precision. */
export interface RecordedSegment extends SegmentName {
  endMs: number;
  /** Relative to the camera's directory, `/`-separated: `YYYY-MM-DD/HH/<name>.ts`. */
  relativePath: string;
  /** Absolute path. */
  path: string;
}

/** Longest segment looked for in the hour before a range (segments are cut at key frames). */
const MAX_SEGMENT_MS = HOUR_MS;

/**
 * The segments of a camera whose time overlaps [fromMs, toMs), in time order. Reads only the
 * day and hour folders that can hold them.
 */
export async function listSegments(cameraDir: string, fromMs: number, toMs: number): Promise<RecordedSegment[]> {
  if (!(toMs > fromMs)) return [];
  const out: RecordedSegment[] = [];
  for (const hour of await hourDirs(cameraDir, fromMs - MAX_SEGMENT_MS, toMs)) {
    for (const segment of await segmentsIn(cameraDir, hour.relative)) {
      if (segment.startMs < toMs && segment.endMs > fromMs) out.push(segment);
    }
  }
  return out.sort(bySegmentTime);
}

/** Earliest start and latest end of a camera's recording; undefined when nothing is recorded. */
export async function recordingExtent(cameraDir: string): Promise<{ startMs: number; endMs: number } | undefined> {
  const hours = await hourDirs(cameraDir, 0, Number.MAX_SAFE_INTEGER);
  let startMs: number | undefined;
  for (const hour of hours) {
    const segments = await segmentsIn(cameraDir, hour.relative);
    if (segments.length) {
      startMs = Math.min(...segments.map((s) => s.startMs));
      break;
    }
  }
  if (startMs === undefined) return undefined;
  for (const hour of [...hours].reverse()) {
    const segments = await segmentsIn(cameraDir, hour.relative);
    if (segments.length) return { startMs, endMs: Math.max(...segments.map((s) => s.endMs)) };
  }
  return undefined;
}

/** Hour folders (`YYYY-MM-DD/HH`) whose hour overlaps [fromMs, toMs), oldest first. */
export async function hourDirs(
  cameraDir: string,
  fromMs: number,
  toMs: number,
): Promise<Array<{ relative: string; startMs: number }>> {
  const out: Array<{ relative: string; startMs: number }> = [];
  const days = (await names(cameraDir)).filter(isDayDir).sort();
  for (const day of days) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    if (!(dayStart < toMs && dayStart + 24 * HOUR_MS > fromMs)) continue;
    for (const hour of (await names(path.join(cameraDir, day))).sort()) {
      const startMs = hourDirStart(day, hour);
      if (startMs !== undefined && startMs < toMs && startMs + HOUR_MS > fromMs)
        out.push({ relative: `${day}/${hour}`, startMs });
    }
  }
  return out;
}

/** The segments in one hour folder, with aligned times (alignSegmentTimes), in time order. */
export async function segmentsIn(cameraDir: string, hourRelative: string): Promise<RecordedSegment[]> {
  const out: RecordedSegment[] = [];
  for (const name of await names(path.join(cameraDir, hourRelative))) {
    const parsed = parseSegmentName(name);
    if (!parsed) continue;
    const relativePath = `${hourRelative}/${name}`;
    out.push({
      ...parsed,
      endMs: parsed.startMs + parsed.durationMs,
      relativePath,
      path: path.join(cameraDir, hourRelative, name),
    });
  }
  return alignSegmentTimes(out);
}

/**
 * Aligns the start times of continuous segments (same run, consecutive numbers) so that each
 * ends where the next begins. A name holds the second at which ffmpeg opened the segment: when
 * ffmpeg catches up on buffered video (at its start, or after a hiccup) several segments get the
 * same late second. Walking back from the last segment of a block, a start is moved earlier when
 * the next segment's start says so, never later. Applied per hour folder, so a segment's times
 * do not depend on the range asked for. Pure; returns the segments in time order.
 */
export function alignSegmentTimes<S extends SegmentName & { endMs: number }>(segments: readonly S[]): S[] {
  const byRun = [...segments].sort((a, b) =>
    a.runId === b.runId ? a.sequence - b.sequence : a.runId < b.runId ? -1 : 1,
  );
  const out = byRun.map((s) => ({ ...s }));
  for (let i = out.length - 2; i >= 0; i--) {
    const current = out[i]!;
    const next = out[i + 1]!;
    if (!continues(current, next)) continue;
    const startMs = Math.min(current.startMs, next.startMs - current.durationMs);
    current.startMs = startMs;
    current.endMs = startMs + current.durationMs;
  }
  return out.sort(bySegmentTime);
}

export function bySegmentTime(a: SegmentName, b: SegmentName): number {
  return a.startMs - b.startMs || (a.runId === b.runId ? a.sequence - b.sequence : a.runId < b.runId ? -1 : 1);
}

/** Whether b follows a without a break: same ffmpeg run, next sequence number. */
export function continues(a: SegmentName, b: SegmentName): boolean {
  return a.runId === b.runId && b.sequence === a.sequence + 1;
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return [];
    throw err;
  }
}
