import type { Logger } from '@argus/core';
import { sourceSecrets, toCameraSource, type CameraSource } from '../ffmpeg/camera-source.js';
import { classifyFailure, type StreamFailureReason } from '../ffmpeg/failure-reason.js';
import { runFfprobe, type RunResult } from '../ffmpeg/process-runner.js';
import { buildFileProbeArgs, buildStreamInfoArgs, buildVerifyArgs } from './ffprobe-args.js';
import { parseStreamInfo, type ProbeJson, type StreamInfo } from './stream-info.js';

export type ProbeFailureReason = StreamFailureReason | 'timeout';

export type VerifyResult = { ok: true } | { ok: false; reason: ProbeFailureReason; detail: string };

export interface ProbeOptions {
  logger?: Logger;
  ffprobePath?: string;
}

/** A source that could not be probed, with the reason POST /streams/verify and stream info report. */
export class StreamProbeError extends Error {
  constructor(
    readonly reason: ProbeFailureReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'StreamProbeError';
  }
}

/**
 * Opens an RTSP source with ffprobe and says whether it plays video: ok, or unreachable,
 * unauthorized, no_video, timeout — within timeoutMs (ffprobe is stopped then).
 * A string source is a link as given (credentials may be in it); transport TCP.
 */
export async function verifyStream(
  source: string | CameraSource,
  timeoutMs = 8000,
  options: ProbeOptions = {},
): Promise<VerifyResult> {
  const src = toCameraSource(source);
  const result = await probe(buildVerifyArgs(src, socketTimeout(timeoutMs)), src, timeoutMs, options);
  const failure = failureOf(result, timeoutMs);
  if (failure) return { ok: false, ...failure };
  const json = parseJson(result.stdout);
  if (!json.streams?.some((s) => s.codec_type === 'video')) {
    return { ok: false, reason: 'no_video', detail: 'the source has no video stream' };
  }
  return { ok: true };
}

/** Frame rate, bit rate (measured over sampleSec seconds), size and codec of a live source. Throws StreamProbeError. */
export async function streamInfo(
  source: string | CameraSource,
  options: ProbeOptions & { timeoutMs?: number; sampleSec?: number } = {},
): Promise<StreamInfo> {
  const src = toCameraSource(source);
  const sampleSec = options.sampleSec ?? 2;
  const timeoutMs = options.timeoutMs ?? 10_000 + sampleSec * 1000;
  const result = await probe(buildStreamInfoArgs(src, socketTimeout(timeoutMs), sampleSec), src, timeoutMs, options);
  const failure = failureOf(result, timeoutMs);
  if (failure) throw new StreamProbeError(failure.reason, failure.detail);
  const info = parseStreamInfo(parseJson(result.stdout));
  if (!info) throw new StreamProbeError('no_video', 'the source has no video stream');
  return info;
}

export interface FileProbe {
  durationSec: number;
  formatName: string;
  streams: Array<{ codecType: string; codecName: string; width?: number; height?: number }>;
}

/** Duration and streams of a media file or playlist (recorded segments, clips). */
export async function probeFile(file: string, options: ProbeOptions & { timeoutMs?: number } = {}): Promise<FileProbe> {
  const result = await runFfprobe(buildFileProbeArgs(file), {
    timeoutMs: options.timeoutMs ?? 30_000,
    logger: options.logger,
    ffprobePath: options.ffprobePath,
  });
  if (result.exit.code !== 0)
    throw new Error(
      `ffprobe failed on ${file}: ${result.exit.stderrTail.slice(-3).join(' | ') || result.exit.error || 'no output'}`,
    );
  const json = parseJson(result.stdout);
  return {
    durationSec: Number(json.format?.duration ?? Number.NaN),
    formatName: json.format?.format_name ?? '',
    streams: (json.streams ?? []).map((s) => ({
      codecType: s.codec_type ?? '',
      codecName: s.codec_name ?? '',
      width: s.width,
      height: s.height,
    })),
  };
}

function probe(args: string[], source: CameraSource, timeoutMs: number, options: ProbeOptions): Promise<RunResult> {
  return runFfprobe(args, {
    timeoutMs,
    secrets: sourceSecrets(source),
    logger: options.logger,
    ffprobePath: options.ffprobePath,
  });
}

function failureOf(result: RunResult, timeoutMs: number): { reason: ProbeFailureReason; detail: string } | undefined {
  const said = classifyFailure(result.exit.stderrTail);
  if (result.timedOut)
    return said && said.reason !== 'unreachable'
      ? { reason: said.reason, detail: said.line }
      : { reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  if (result.exit.code === 0) return undefined;
  if (said) return { reason: said.reason, detail: said.line };
  return {
    reason: 'unreachable',
    detail: result.exit.stderrTail.at(-1) ?? result.exit.error ?? `ffprobe exited with code ${result.exit.code}`,
  };
}

/**
 * ffprobe's own socket timeout, past ours: a source that connects and then says nothing makes
 * ffprobe report "Invalid data", which would hide that it timed out.
 */
function socketTimeout(timeoutMs: number): number {
  return timeoutMs + 1000;
}

function parseJson(text: string): ProbeJson {
  try {
    return JSON.parse(text) as ProbeJson;
  } catch {
    return {};
  }
}
