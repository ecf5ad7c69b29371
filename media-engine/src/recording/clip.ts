import { rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Logger } from '@argus/core';
import { runFfprobe, startFfmpeg } from '../ffmpeg/process-runner.js';
import { buildClipArgs, buildKeyframeProbeArgs, concatList, keyframeOffset, keyframeTimes } from './clip-args.js';
import { listSegments, type RecordedSegment } from './segment-index.js';

export interface ClipRequest {
  /** The camera's recording directory (cameraRecordingDir). */
  cameraDir: string;
  fromMs: number;
  toMs: number;
  /** The MP4 to write; written under a temporary name and renamed when complete. */
  output: string;
  /** Progress 0..1 while ffmpeg runs (then 1 once, at the end). */
  onProgress?: (fraction: number) => void;
  /** Aborting stops ffmpeg and removes the partial file. */
  signal?: AbortSignal;
  logger?: Logger;
  ffmpegPath?: string;
}

export interface ClipResult {
  path: string;
  sizeBytes: number;
  /** Recorded time the clip covers (gaps in the recording are left out), ms. */
  durationMs: number;
  /** First and last recorded instants in the clip: it starts at the key frame at or before fromMs. */
  startMs: number;
  endMs: number;
  segments: number;
}

/** No recording overlaps the requested range (the API's videoclip_invalid_time_range). */
export class ClipRangeError extends Error {
  constructor(
    readonly fromMs: number,
    readonly toMs: number,
  ) {
    super(`no recording between ${new Date(fromMs).toISOString()} and ${new Date(toMs).toISOString()}`);
    this.name = 'ClipRangeError';
  }
}

/** The plan of a clip: the segments to join, where to start in them and how long to copy. Pure. */
export function planClip(
  segments: readonly RecordedSegment[],
  fromMs: number,
  toMs: number,
): { offsetMs: number; durationMs: number; startMs: number; endMs: number } | undefined {
  const overlapping = segments.filter((s) => s.startMs < toMs && s.endMs > fromMs);
  const first = overlapping[0];
  const last = overlapping.at(-1);
  if (!first || !last) return undefined;
  const durationMs = overlapping.reduce((sum, s) => sum + Math.min(s.endMs, toMs) - Math.max(s.startMs, fromMs), 0);
  return {
    offsetMs: Math.max(0, fromMs - first.startMs),
    durationMs,
    startMs: Math.max(first.startMs, fromMs),
    endMs: Math.min(last.endMs, toMs),
  };
}

/**
 * Cuts [fromMs, toMs) out of a camera's recording by stream copy into an MP4. The clip starts at
 * the key frame at or before fromMs (at most one GOP early) and leaves out gaps in the recording.
 */
export async function cutClip(request: ClipRequest): Promise<ClipResult> {
  const { fromMs, toMs, output } = request;
  if (!(toMs > fromMs)) throw new ClipRangeError(fromMs, toMs);
  const segments = await listSegments(request.cameraDir, fromMs, toMs);
  const plan = planClip(segments, fromMs, toMs);
  if (!plan) throw new ClipRangeError(fromMs, toMs);
  request.signal?.throwIfAborted();

  const overlapping = segments.filter((s) => s.startMs < toMs && s.endMs > fromMs);
  const keyframes = await segmentKeyframes(overlapping[0]!.path, request);
  const { seekSec, keyframeSec } = keyframeOffset(keyframes, plan.offsetMs / 1000);
  const listFile = `${output}.ffconcat`;
  const partial = `${output}.part`;
  await writeFile(listFile, concatList(overlapping));
  const durationSec = plan.durationMs / 1000 + (plan.offsetMs / 1000 - keyframeSec);
  let reported = 0;
  const proc = startFfmpeg(buildClipArgs({ listFile, offsetSec: seekSec, durationSec, output: partial }), {
    logger: request.logger,
    ffmpegPath: request.ffmpegPath,
    onProgress: (p) => {
      const fraction = Math.min(1, Math.max(0, (p.outTimeUs ?? 0) / 1e6 / durationSec));
      if (fraction > reported && fraction < 1) request.onProgress?.((reported = fraction));
    },
  });
  const abort = () => void proc.stop(2000);
  request.signal?.addEventListener('abort', abort, { once: true });
  try {
    const exit = await proc.exited;
    request.signal?.throwIfAborted();
    if (exit.code !== 0)
      throw new Error(
        `clip cut failed (${exit.signal ?? `code ${exit.code}`}): ${exit.stderrTail.slice(-3).join(' | ')}`,
      );
    await rename(partial, output);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    request.signal?.removeEventListener('abort', abort);
    await rm(listFile, { force: true });
  }
  request.onProgress?.(1);
  const { size } = await stat(output);
  const preRollMs = Math.round(durationSec * 1000) - plan.durationMs;
  return {
    path: output,
    sizeBytes: size,
    durationMs: plan.durationMs + preRollMs,
    startMs: plan.startMs - preRollMs,
    endMs: plan.endMs,
    segments: overlapping.length,
  };
}

/** Key-frame times of a segment (seconds from its start); [0] when they cannot be read. */
async function segmentKeyframes(file: string, request: ClipRequest): Promise<number[]> {
  const result = await runFfprobe(buildKeyframeProbeArgs(file), { timeoutMs: 15_000, logger: request.logger });
  if (result.exit.code !== 0) return [0];
  try {
    const times = keyframeTimes(JSON.parse(result.stdout) as Parameters<typeof keyframeTimes>[0]);
    return times.length ? times : [0];
  } catch {
    return [0];
  }
}
