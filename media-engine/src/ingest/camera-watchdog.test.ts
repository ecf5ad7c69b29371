import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FfmpegRunOptions, ProcessExit, RunningProcess } from '../ffmpeg/process-runner.js';
import type { CameraRestart, CameraStatusChange } from './camera-status.js';
import { CameraWatchdog, type CameraWatchdogOptions } from './camera-watchdog.js';

/** A stand-in for ffmpeg: the test says when frames come and how it ends. */
class FakeFfmpeg implements RunningProcess {
  static started: FakeFfmpeg[] = [];
  readonly pid = 1000 + FakeFfmpeg.started.length;
  running = true;
  stopCalls = 0;
  private tail: string[] = [];
  private finish!: (exit: ProcessExit) => void;
  readonly exited = new Promise<ProcessExit>((resolve) => {
    this.finish = resolve;
  });

  constructor(
    readonly args: readonly string[],
    readonly options: FfmpegRunOptions,
  ) {
    FakeFfmpeg.started.push(this);
  }

  frames(frame: number): void {
    this.options.onProgress?.({ frame, outTimeUs: frame * 40_000, speed: 1, totalSize: undefined, done: false });
  }

  exit(code: number | null, stderr: string[] = [], signal: NodeJS.Signals | null = null, stopped = false): void {
    if (!this.running) return;
    this.running = false;
    this.tail = stderr;
    this.finish({ code, signal, stopped, forced: false, durationMs: 1, stderrTail: stderr });
  }

  stderrTail(): string[] {
    return this.tail;
  }
  signal(): void {}
  stop(): Promise<ProcessExit> {
    this.stopCalls++;
    this.exit(255, [], 'SIGTERM', true);
    return this.exited;
  }
}

const dirs: string[] = [];
const watchdogs: CameraWatchdog[] = [];
afterEach(async () => {
  await Promise.all(watchdogs.splice(0).map((w) => w.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  FakeFfmpeg.started = [];
});

function watchdog(options: Partial<CameraWatchdogOptions> = {}) {
  const recordingsDir = mkdtempSync(path.join(tmpdir(), 'argus-wd-'));
  dirs.push(recordingsDir);
  const w = new CameraWatchdog({
    camera: { id: 'cam-1', source: { url: 'rtsp://cam/s', username: 'u', password: 'secret-pw' } },
    role: 'snapshot',
    recordingsDir,
    checkIntervalMs: 10,
    stallTimeoutMs: 150,
    startTimeoutMs: 300,
    backoff: { initialMs: 20, maxMs: 80, jitter: 0 },
    startFfmpeg: (args, opts = {}) => new FakeFfmpeg(args, opts),
    ...options,
  });
  watchdogs.push(w);
  const statuses: CameraStatusChange[] = [];
  const restarts: CameraRestart[] = [];
  w.on('status', (s) => statuses.push(s));
  w.on('restart', (r) => restarts.push(r));
  return { w, statuses, restarts };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const latest = () => FakeFfmpeg.started.at(-1)!;

describe('CameraWatchdog (state machine)', () => {
  it('goes online on frames, offline with the reason ffmpeg gave, and restarts with growing delays', async () => {
    const { w, statuses, restarts } = watchdog();
    w.start();
    await until(() => FakeFfmpeg.started.length === 1);
    expect(latest().options.cwd).toBe(w.dir);
    expect(latest().options.secrets).toContain('secret-pw');
    latest().frames(1);
    expect(statuses.map((s) => [s.previous, s.status, s.reason])).toEqual([['unknown', 'online', null]]);

    latest().exit(1, ['[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized']);
    await until(() => FakeFfmpeg.started.length === 2);
    latest().exit(1, ['rtsp://***:***@cam/s: Connection refused']);
    await until(() => FakeFfmpeg.started.length === 3);
    latest().exit(1, ['rtsp://***:***@cam/s: Connection refused']);
    await until(() => FakeFfmpeg.started.length === 4);
    latest().frames(5);

    expect(statuses.map((s) => [s.status, s.reason])).toEqual([
      ['online', null],
      ['offline', 'unauthorized'],
      ['offline', 'unreachable'],
      ['online', null],
    ]);
    expect(statuses[1]!.detail).toContain('401');
    expect(restarts.map((r) => r.delayMs)).toEqual([20, 40, 80]);
    expect(restarts.map((r) => r.reason)).toEqual(['unauthorized', 'unreachable', 'unreachable']);
  });

  it('stops an ffmpeg whose frames stop and calls it stalled', async () => {
    const { w, statuses, restarts } = watchdog();
    w.start();
    await until(() => FakeFfmpeg.started.length === 1);
    const first = latest();
    first.frames(1);
    first.frames(2);
    await until(() => restarts.length === 1);
    expect(first.stopCalls).toBe(1);
    expect(statuses.at(-1)).toMatchObject({ status: 'offline', reason: 'stalled' });
    expect(statuses.at(-1)!.detail).toMatch(/no new frame/);
  });

  it('gives up on a start that brings no frame', async () => {
    const { w, statuses } = watchdog();
    w.start();
    await until(() => statuses.length === 1);
    expect(statuses[0]).toMatchObject({ status: 'offline', reason: 'stalled', previous: 'unknown' });
    expect(statuses[0]!.detail).toMatch(/no video frame/);
  });

  it('restarts when segments stop although frames go on', async () => {
    const { w, statuses } = watchdog({
      role: 'record',
      ffmpeg: { hlsTimeSec: 0.02 },
      staleSegmentFactor: 5,
      minStaleSegmentMs: 100,
      stallTimeoutMs: 10_000,
    });
    w.start();
    await until(() => FakeFfmpeg.started.length === 1);
    let frame = 0;
    const ticker = setInterval(() => latest().frames(++frame), 10);
    try {
      await until(() => statuses.some((s) => s.status === 'offline'));
    } finally {
      clearInterval(ticker);
    }
    expect(statuses.at(-1)).toMatchObject({ status: 'offline', reason: 'stalled' });
    expect(statuses.at(-1)!.detail).toMatch(/no new segment/);
  });

  it('reports a recording folder it cannot make and keeps trying', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'argus-wd-')), 'not-a-dir');
    dirs.push(path.dirname(file));
    writeFileSync(file, '');
    const { w, statuses, restarts } = watchdog({ recordingsDir: file });
    w.start();
    await until(() => restarts.length >= 2);
    expect(statuses[0]).toMatchObject({ status: 'offline', reason: 'exited' });
    expect(statuses[0]!.detail).toMatch(/cannot start ffmpeg/);
    expect(FakeFfmpeg.started).toHaveLength(0);
  });

  it('refuses bad ffmpeg options when it is made', () => {
    expect(() => watchdog({ ffmpeg: { hlsTimeSec: -1 } })).toThrow(/hlsTimeSec/);
  });

  it('stop() ends ffmpeg and the restarts, and reports no status', async () => {
    const { w, statuses } = watchdog({ backoff: { initialMs: 60_000 } });
    w.start();
    await until(() => FakeFfmpeg.started.length === 1);
    latest().frames(1);
    latest().exit(0);
    await until(() => statuses.length === 2);
    const started = Date.now();
    await w.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(FakeFfmpeg.started).toHaveLength(1);
    expect(statuses.map((s) => s.reason)).toEqual([null, 'exited']);
  });
});
