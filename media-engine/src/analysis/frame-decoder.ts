import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Logger } from '@argus/core';
import { FFMPEG_ENV } from '../ffmpeg/process-runner.js';
import { redactArgs, redactText } from '../ffmpeg/redaction.js';
import { FRAMES_FD, TIMES_FD } from './analysis-ffmpeg-args.js';
import { parseFrameTime } from './capture-clock.js';
import { PpmFrameReader, type RawFrame } from './ppm-frames.js';

/**
 * One decoder run: ffmpeg with frames on fd 3 (binary, so not the line-reading process runner),
 * the same conventions as the runner otherwise — no shell, a short redacted stderr tail, SIGTERM
 * then SIGKILL, and `setpriv --pdeathsig` so it dies with the engine.
 */
export interface DecoderExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: string;
  readonly stderrTail: string[];
}

export interface FrameDecoder {
  readonly pid: number | undefined;
  readonly running: boolean;
  readonly exited: Promise<DecoderExit>;
  stderrTail(): string[];
  stop(graceMs: number): Promise<DecoderExit>;
  signal(signal: NodeJS.Signals): void;
}

const SETPRIV = '/usr/bin/setpriv';
const hasSetpriv = existsSync(SETPRIV);

export function startFrameDecoder(options: {
  ffmpegPath?: string;
  args: readonly string[];
  secrets: readonly string[];
  logger?: Logger;
  /** each frame, with its presentation time from the start of the run when ffmpeg reported it first */
  onFrame: (frame: RawFrame, ptsMs: number | undefined) => void;
  stderrLines?: number;
}): FrameDecoder {
  const command = options.ffmpegPath ?? 'ffmpeg';
  const child = spawn(
    hasSetpriv ? SETPRIV : command,
    hasSetpriv ? ['--pdeathsig', 'SIGTERM', '--', command, ...options.args] : [...options.args],
    { env: { ...process.env, ...FFMPEG_ENV }, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'], shell: false },
  );
  options.logger?.debug({ pid: child.pid, args: redactArgs(options.args, options.secrets) }, 'frame decoder started');
  const keep = options.stderrLines ?? 30;
  const tail: string[] = [];
  let running = true;
  let killTimer: NodeJS.Timeout | undefined;
  let spawnError: string | undefined;
  // presentation times by frame number (printed just before each frame; a few kept at most)
  const times = new Map<number, number>();
  let frameNumber = 0;
  let timesPartial = '';
  const timeLines = child.stdio[TIMES_FD] as Readable;
  timeLines.setEncoding('utf8');
  timeLines.on('data', (text: string) => {
    const lines = (timesPartial + text).split('\n');
    timesPartial = (lines.pop() ?? '').slice(-200);
    for (const line of lines) {
      const time = parseFrameTime(line);
      if (!time || time.frame < frameNumber) continue;
      times.set(time.frame, time.ptsMs);
      if (times.size > 64) times.delete(times.keys().next().value!);
    }
  });
  timeLines.on('error', () => undefined);
  const reader = new PpmFrameReader();
  const frames = child.stdio[FRAMES_FD] as Readable;
  frames.on('data', (chunk: Buffer) => {
    let got: RawFrame[];
    try {
      got = reader.push(chunk);
    } catch (err) {
      tail.push(`frames: ${(err as Error).message}`);
      child.kill('SIGKILL');
      return;
    }
    for (const frame of got) {
      const ptsMs = times.get(frameNumber);
      times.delete(frameNumber++);
      options.onFrame(frame, ptsMs);
    }
  });
  frames.on('error', () => undefined);
  child.stdout?.resume();
  let partial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    const lines = (partial + text).split(/\r\n|\n|\r/);
    partial = lines.pop() ?? '';
    if (partial.length > 4000) partial = partial.slice(-4000);
    for (const line of lines) {
      if (!line) continue;
      tail.push(redactText(line.slice(0, 2000), options.secrets));
      if (tail.length > keep) tail.shift();
    }
  });
  const exited = new Promise<DecoderExit>((resolve) => {
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      running = false;
      if (killTimer) clearTimeout(killTimer);
      if (partial) tail.push(redactText(partial.slice(0, 2000), options.secrets));
      resolve({ code, signal, ...(spawnError ? { error: spawnError } : {}), stderrTail: tail.slice(-keep) });
    };
    child.once('error', (err) => {
      spawnError = redactText(err.message, options.secrets);
      if (child.pid === undefined) finish(null, null);
    });
    child.once('close', finish);
  });
  return {
    get pid() {
      return child.pid;
    },
    get running() {
      return running;
    },
    exited,
    stderrTail: () => [...tail],
    signal: (sig) => {
      if (running) child.kill(sig);
    },
    stop(graceMs) {
      if (running) {
        child.kill('SIGTERM');
        killTimer ??= setTimeout(() => {
          if (running) child.kill('SIGKILL');
        }, graceMs);
      }
      return exited;
    },
  };
}
