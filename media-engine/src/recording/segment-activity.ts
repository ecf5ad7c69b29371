import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LIVE_PLAYLIST } from './recording-layout.js';

/**
 * When ffmpeg last added a segment: it rewrites the live playlist each time one is complete, so
 * the playlist's modification time is the time of the newest segment (one stat per check).
 */
export async function lastSegmentWrite(cameraDir: string): Promise<number | undefined> {
  try {
    return (await stat(path.join(cameraDir, LIVE_PLAYLIST))).mtimeMs;
  } catch {
    return undefined;
  }
}

/** EXT-X-TARGETDURATION of the live playlist (the longest segment ffmpeg has made), seconds. */
export async function liveTargetDuration(cameraDir: string): Promise<number | undefined> {
  try {
    const text = await readFile(path.join(cameraDir, LIVE_PLAYLIST), 'utf8');
    const m = /#EXT-X-TARGETDURATION:(\d+(?:\.\d+)?)/.exec(text);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
