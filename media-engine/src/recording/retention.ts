import { readdir, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { HOUR_MS, isDayDir } from './recording-layout.js';
import { hourDirs, segmentsIn } from './segment-index.js';

export const DAY_MS = 24 * HOUR_MS;

export interface RetentionResult {
  deletedSegments: number;
  deletedBytes: number;
  /** Segments that end after this time are kept (epoch ms). */
  cutoffMs: number;
}

/**
 * Deletes a camera's segments that ended more than retentionDays before now (by the wall-clock
 * time in their names). Hour folders entirely older than that go whole; emptied folders are removed.
 */
export async function enforceRetention(
  cameraDir: string,
  retentionDays: number,
  now = Date.now(),
): Promise<RetentionResult> {
  if (!(retentionDays > 0)) throw new Error('retentionDays must be positive');
  const cutoffMs = now - retentionDays * DAY_MS;
  const result: RetentionResult = { deletedSegments: 0, deletedBytes: 0, cutoffMs };
  for (const hour of await hourDirs(cameraDir, 0, cutoffMs)) {
    const segments = await segmentsIn(cameraDir, hour.relative);
    // Segments in an hour folder start within the hour; one that ends past the cutoff is kept.
    const whole = segments.every((s) => s.endMs <= cutoffMs) && hour.startMs + HOUR_MS <= cutoffMs;
    for (const segment of segments) {
      if (segment.endMs > cutoffMs) continue;
      result.deletedBytes += await sizeOf(segment.path);
      if (!whole) await unlink(segment.path).catch(ignoreMissing);
      result.deletedSegments++;
    }
    if (whole) await rm(path.join(cameraDir, hour.relative), { recursive: true, force: true });
  }
  await removeEmptyDayDirs(cameraDir, cutoffMs);
  return result;
}

async function removeEmptyDayDirs(cameraDir: string, cutoffMs: number): Promise<void> {
  const days = (await readdir(cameraDir).catch(() => [] as string[])).filter(isDayDir);
  for (const day of days) {
    if (Date.parse(`${day}T00:00:00Z`) >= cutoffMs) continue;
    const dayDir = path.join(cameraDir, day);
    for (const hour of await readdir(dayDir).catch(() => [] as string[])) {
      await rmdir(path.join(dayDir, hour)).catch(() => undefined); // only when empty
    }
    await rmdir(dayDir).catch(() => undefined);
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
