/**
 * Capture times of a decoder run's frames. ffmpeg stamps each packet with the wall clock when it
 * arrives (`-use_wallclock_as_timestamps 1`) and reports each analysed frame's presentation time
 * from the start of the run (fd 4). The run's start on the engine's clock is estimated as the
 * smallest (read time − presentation time) seen so far: the frame that came through decoding
 * fastest. A frame's capture time is its presentation time from there — so a decoder that was
 * starved of CPU and delivers late still dates its frames when they arrived — never after the
 * frame was read and never before the previous frame's. Without a presentation time a frame is
 * dated when it was read.
 */
export class CaptureClock {
  private start = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  /** The capture time (ms since the epoch) of a frame read at `readAt` (ms since the epoch). */
  stamp(readAt: number, ptsMs: number | undefined): number {
    let ts = readAt;
    if (ptsMs !== undefined && Number.isFinite(ptsMs)) {
      this.start = Math.min(this.start, readAt - ptsMs);
      ts = Math.min(readAt, this.start + ptsMs);
    }
    ts = Math.round(Math.max(ts, this.last));
    this.last = ts;
    return ts;
  }
}

/** `frame:12   pts:6   pts_time:3` (ffmpeg's metadata filter in print mode): the frame number and ms. */
export function parseFrameTime(line: string): { frame: number; ptsMs: number } | undefined {
  const match = /^frame:(\d+)\s+pts:\S+\s+pts_time:(-?[\d.]+(?:e[-+]?\d+)?)/.exec(line);
  if (!match) return undefined;
  const ptsMs = Number(match[2]) * 1000;
  return Number.isFinite(ptsMs) ? { frame: Number(match[1]), ptsMs } : undefined;
}
