import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from '@argus/core';
import { ProgressParser, type FfmpegProgress } from './progress.js';
import { redactArgs, redactText } from './redaction.js';

/**
 * The one place that starts processes (ffmpeg, ffprobe, the RTSP test server): no shell, stderr
 * kept as a short redacted tail, stop = SIGTERM then SIGKILL after a grace period, and children
 * that die with the engine (setpriv --pdeathsig) so a crashed engine leaves no ffmpeg recording.
 */
export interface ProcessSpec {
  command: string;
  args: readonly string[];
  cwd?: string;
  /** Added to the inherited environment. */
  env?: Readonly<Record<string, string>>;
  /** Strings removed from every stderr line and log line, besides URL credentials. */
  secrets?: readonly string[];
  /** How many stderr lines to keep (default 40). */
  stderrLines?: number;
  logger?: Logger;
  /** Kill the child with SIGTERM when this process dies (default true, where setpriv exists). */
  dieWithParent?: boolean;
  onStdoutLine?: (line: string) => void;
  /** Each stderr line, already redacted. */
  onStderrLine?: (line: string) => void;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stop() was called. */
  stopped: boolean;
  /** SIGKILL was needed after the grace period. */
  forced: boolean;
  /** The process could not be started (e.g. ENOENT). */
  error?: string;
  durationMs: number;
  /** The last stderr lines, redacted. */
  stderrTail: string[];
}

export interface RunningProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<ProcessExit>;
  readonly running: boolean;
  stderrTail(): string[];
  /** SIGTERM, then SIGKILL after graceMs (default 5 s); resolves when the process has exited. */
  stop(graceMs?: number): Promise<ProcessExit>;
  /** Sends a signal as is (tests use SIGSTOP to make a process hang). */
  signal(signal: NodeJS.Signals): void;
}

const SETPRIV = '/usr/bin/setpriv';
const hasSetpriv = existsSync(SETPRIV);
const MAX_LINE = 2000;

export function startProcess(spec: ProcessSpec): RunningProcess {
  const secrets = spec.secrets ?? [];
  const keep = spec.stderrLines ?? 40;
  const tail: string[] = [];
  const startedAt = Date.now();
  const wrap = (spec.dieWithParent ?? true) && hasSetpriv;
  const child = spawn(
    wrap ? SETPRIV : spec.command,
    wrap ? ['--pdeathsig', 'SIGTERM', '--', spec.command, ...spec.args] : [...spec.args],
    {
      cwd: spec.cwd,
      env: spec.env ? { ...process.env, ...spec.env } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    },
  );
  const log = spec.logger;
  log?.debug(
    { pid: child.pid, command: spec.command, args: redactArgs(spec.args, secrets), cwd: spec.cwd },
    'process started',
  );

  let running = true;
  let stopped = false;
  let forced = false;
  let spawnError: string | undefined;
  let killTimer: NodeJS.Timeout | undefined;

  const pushStderr = (line: string) => {
    const safe = redactText(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line, secrets);
    tail.push(safe);
    if (tail.length > keep) tail.shift();
    spec.onStderrLine?.(safe);
  };
  const stdoutDone = readLines(child.stdout, (line) => spec.onStdoutLine?.(line));
  const stderrDone = readLines(child.stderr, pushStderr);

  const exited = new Promise<ProcessExit>((resolve) => {
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      running = false;
      if (killTimer) clearTimeout(killTimer);
      // Let the pipes drain so the tail holds the last words of the process.
      void Promise.race([Promise.all([stdoutDone, stderrDone]), delay(500)]).then(() => {
        const exit: ProcessExit = {
          code,
          signal,
          stopped,
          forced,
          durationMs: Date.now() - startedAt,
          stderrTail: [...tail],
        };
        if (spawnError) exit.error = spawnError;
        log?.debug({ pid: child.pid, code, signal, stopped, forced, error: spawnError }, 'process exited');
        resolve(exit);
      });
    };
    child.once('error', (err) => {
      spawnError = redactText(err.message, secrets);
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
    stop(graceMs = 5000) {
      if (running && !stopped) {
        stopped = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => {
          if (!running) return;
          forced = true;
          log?.warn({ pid: child.pid, graceMs }, 'process ignored SIGTERM, killing it');
          child.kill('SIGKILL');
        }, graceMs);
      }
      return exited;
    },
  };
}

export interface RunResult {
  exit: ProcessExit;
  stdout: string;
  timedOut: boolean;
}

/** Runs a process to its end, collecting stdout; stops it (and says so) after timeoutMs. */
export async function runProcess(
  spec: ProcessSpec & { timeoutMs: number; maxStdoutBytes?: number },
): Promise<RunResult> {
  const max = spec.maxStdoutBytes ?? 16 * 1024 * 1024;
  const chunks: string[] = [];
  let size = 0;
  const proc = startProcess({
    ...spec,
    onStdoutLine: (line) => {
      if (size > max) return;
      size += line.length + 1;
      chunks.push(line);
      spec.onStdoutLine?.(line);
    },
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void proc.stop(1000);
  }, spec.timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { exit, stdout: chunks.join('\n'), timedOut };
}

export interface FfmpegRunOptions {
  cwd?: string;
  secrets?: readonly string[];
  logger?: Logger;
  stderrLines?: number;
  ffmpegPath?: string;
  onProgress?: (progress: FfmpegProgress) => void;
  onStderrLine?: (line: string) => void;
}

/** Environment of every ffmpeg: strftime segment names and folders in UTC. */
export const FFMPEG_ENV = Object.freeze({ TZ: 'UTC' });

/** Starts ffmpeg with arguments from buildFfmpegArgs/buildClipArgs (which ask for `-progress pipe:1`). */
export function startFfmpeg(args: readonly string[], options: FfmpegRunOptions = {}): RunningProcess {
  const parser = new ProgressParser();
  return startProcess({
    command: options.ffmpegPath ?? 'ffmpeg',
    args,
    cwd: options.cwd,
    env: FFMPEG_ENV,
    secrets: options.secrets,
    logger: options.logger,
    stderrLines: options.stderrLines,
    onStderrLine: options.onStderrLine,
    onStdoutLine: (line) => {
      const block = parser.push(line);
      if (block) options.onProgress?.(block);
    },
  });
}

/** Runs ffprobe to its end within timeoutMs. */
export function runFfprobe(
  args: readonly string[],
  options: { timeoutMs: number; secrets?: readonly string[]; logger?: Logger; ffprobePath?: string },
): Promise<RunResult> {
  return runProcess({
    command: options.ffprobePath ?? 'ffprobe',
    args,
    timeoutMs: options.timeoutMs,
    secrets: options.secrets,
    logger: options.logger,
    env: FFMPEG_ENV,
  });
}

function readLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): Promise<void> {
  if (!stream) return Promise.resolve();
  return new Promise((resolve) => {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split(/\r\n|\n|\r/);
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line) onLine(line);
      if (buffered.length > 64 * 1024) {
        onLine(buffered);
        buffered = '';
      }
    });
    stream.on('end', () => {
      if (buffered) onLine(buffered);
      resolve();
    });
    stream.on('error', () => resolve());
    stream.on('close', () => resolve());
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
