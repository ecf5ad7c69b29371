import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SNAPSHOT_FILE } from './recording-layout.js';

/**
 * The camera's latest JPEG (written by its ffmpeg, atomically) when it is at most maxAgeMs old;
 * undefined when there is none or it is stale (the camera is down: 503 temporarily_unavailable).
 */
export async function freshSnapshot(
  cameraDir: string,
  maxAgeMs: number,
  now = Date.now(),
): Promise<{ jpeg: Buffer; takenAt: Date } | undefined> {
  const file = path.join(cameraDir, SNAPSHOT_FILE);
  try {
    const { mtimeMs } = await stat(file);
    if (now - mtimeMs > maxAgeMs) return undefined;
    return { jpeg: await readFile(file), takenAt: new Date(mtimeMs) };
  } catch {
    return undefined;
  }
}
