import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@argus/core';
import { sourceSecrets, type IngestCamera } from '../ffmpeg/camera-source.js';
import { buildFfmpegArgs, FFMPEG_DEFAULTS, type FfmpegOptions, type FfmpegRole } from '../ffmpeg/ffmpeg-args.js';
import { classifyFailure } from '../ffmpeg/failure-reason.js';
import { startFfmpeg, type ProcessExit, type RunningProcess } from '../ffmpeg/process-runner.js';
import { LIVE_SEGMENT_DIR, cameraRecordingDir, newRunId } from '../recording/recording-layout.js';
import { lastSegmentWrite, liveTargetDuration } from '../recording/segment-activity.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { CameraRestart, CameraStatus, CameraStatusChange, OfflineReason } from './camera-status.js';

export interface CameraWatchdogOptions {
  camera: IngestCamera;
  role: FfmpegRole;
  /** RECORDINGS_DIR: the camera's files go to <recordingsDir>/<camera id>/. */
  recordingsDir: string;
  ffmpeg?: Omit<FfmpegOptions, 'runId'>;
  ffmpegPath?: string;
  logger?: Logger;
  /** Online, but no new frame for this long: restart (stalled). */
  stallTimeoutMs?: number;
  /** No first frame this long after a start: restart. */
  startTimeoutMs?: number;
  /** Online, but no new segment for this many segment lengths: restart (stalled)… */
  staleSegmentFactor?: number;
  /** …and never sooner than this. */
  minStaleSegmentMs?: number;
  checkIntervalMs?: number;
  /** SIGTERM, then SIGKILL after this. */
  stopGraceMs?: number;
  backoff?: BackoffOptions;
  stderrLines?: number;
  /** Starts ffmpeg; the runner's startFfmpeg unless a test replaces it. */
  startFfmpeg?: typeof startFfmpeg;
}

export interface CameraWatchdogEvents {
  status: [CameraStatusChange];
  restart: [CameraRestart];
  started: [{ cameraId: string; pid: number | undefined; runId: string }];
}

interface Verdict {
  reason: OfflineReason;
  detail: string | null;
}

const DEFAULTS = {
  stallTimeoutMs: 10_000,
  startTimeoutMs: 20_000,
  staleSegmentFactor: 5,
  minStaleSegmentMs: 10_000,
  checkIntervalMs: 1000,
  stopGraceMs: 5000,
};

/**
 * Supervises one camera's ffmpeg: restarts it when it exits, when frames stop (`-progress`) and
 * when segments stop, with exponential backoff; reports online/offline transitions with a reason.
 * Events: `status` (only on a change of status or reason), `restart`, `started`.
 */
export class CameraWatchdog extends EventEmitter<CameraWatchdogEvents> {
  readonly cameraId: string;
  readonly dir: string;
  private readonly o: CameraWatchdogOptions & typeof DEFAULTS;
  private readonly backoff: Backoff;
  private readonly log: Logger | undefined;
  private readonly secrets: string[];
  private current: RunningProcess | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private state: { status: CameraStatus | 'unknown'; reason: OfflineReason | null; since: Date } = {
    status: 'unknown',
    reason: null,
    since: new Date(),
  };
  private lastFrame = { frame: -1, at: 0 };

  constructor(options: CameraWatchdogOptions) {
    super();
    this.o = { ...DEFAULTS, ...stripUndefined(options) };
    this.cameraId = options.camera.id;
    this.dir = cameraRecordingDir(options.recordingsDir, options.camera.id);
    this.backoff = new Backoff(options.backoff);
    this.secrets = sourceSecrets(options.camera.source);
    this.log = options.logger?.child({ camera: this.cameraId, role: options.role });
    buildFfmpegArgs(options.camera, options.role, { ...options.ffmpeg, runId: '0' }); // bad options throw here, not in the loop
  }

  get status(): { status: CameraStatus | 'unknown'; reason: OfflineReason | null; since: Date } {
    return { ...this.state };
  }

  get pid(): number | undefined {
    return this.current?.running ? this.current.pid : undefined;
  }

  /** Video frames the current ffmpeg has written so far (0 before the first). */
  get frames(): number {
    return Math.max(0, this.lastFrame.frame);
  }

  /** When the last new frame was reported (epoch ms), 0 before any. */
  get lastFrameAt(): number {
    return this.lastFrame.at;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run().catch((err: unknown) => {
      this.log?.error({ err }, 'camera watchdog failed');
    });
  }

  /** Stops supervising and stops ffmpeg (SIGTERM, then SIGKILL). Emits no status: the camera did not go down. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.current?.stop(this.o.stopGraceMs);
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let exit: ProcessExit;
      let verdict: Verdict | undefined;
      let healthyMs = 0;
      try {
        // ffmpeg makes the day/hour folders of recorded segments, not the live-only one.
        await mkdir(this.o.role === 'live' ? path.join(this.dir, LIVE_SEGMENT_DIR) : this.dir, { recursive: true });
        if (this.stopping) break;
        ({ exit, verdict, healthyMs } = await this.runOnce(newRunId()));
      } catch (err) {
        const message = `cannot start ffmpeg in ${this.dir}: ${(err as Error).message}`;
        exit = {
          code: null,
          signal: null,
          stopped: false,
          forced: false,
          error: message,
          durationMs: 0,
          stderrTail: [],
        };
      }
      if (this.stopping) break;
      const { reason, detail } = verdict ?? exitVerdict(exit);
      this.setStatus('offline', reason, detail);
      const delayMs = this.backoff.next(healthyMs);
      const restart: CameraRestart = {
        cameraId: this.cameraId,
        reason,
        detail,
        delayMs,
        attempt: this.backoff.attempts,
        exit: { code: exit.code, signal: exit.signal, forced: exit.forced, stderrTail: exit.stderrTail },
      };
      this.log?.warn(
        {
          reason,
          detail,
          code: exit.code,
          signal: exit.signal,
          forced: exit.forced,
          delayMs,
          attempt: restart.attempt,
          stderr: exit.stderrTail.slice(-8),
        },
        'ffmpeg ended; restarting',
      );
      this.emit('restart', restart);
      await this.sleep(delayMs);
    }
  }

  private async runOnce(
    runId: string,
  ): Promise<{ exit: ProcessExit; verdict: Verdict | undefined; healthyMs: number }> {
    const args = buildFfmpegArgs(this.o.camera, this.o.role, { ...this.o.ffmpeg, runId });
    const startedAt = Date.now();
    let onlineAt = 0;
    let verdict: Verdict | undefined;
    this.lastFrame = { frame: -1, at: 0 };
    const start = this.o.startFfmpeg ?? startFfmpeg;
    const proc = start(args, {
      cwd: this.dir,
      secrets: this.secrets,
      logger: this.log,
      stderrLines: this.o.stderrLines,
      ffmpegPath: this.o.ffmpegPath,
      onProgress: (p) => {
        if (p.frame <= this.lastFrame.frame) return;
        this.lastFrame = { frame: p.frame, at: Date.now() };
        if (!onlineAt && p.frame > 0 && !verdict) {
          onlineAt = Date.now();
          this.log?.info({ runId, startMs: onlineAt - startedAt }, 'camera online');
          this.setStatus('online', null, null);
        }
      },
    });
    this.current = proc;
    this.emit('started', { cameraId: this.cameraId, pid: proc.pid, runId });

    const kill = (v: Verdict) => {
      if (verdict || !proc.running) return;
      verdict = v;
      this.log?.warn({ reason: v.reason, detail: v.detail, pid: proc.pid }, 'stopping ffmpeg');
      void proc.stop(this.o.stopGraceMs);
    };
    let checking = false;
    const timer = setInterval(() => {
      if (checking || verdict || !proc.running) return;
      checking = true;
      this.check(startedAt, onlineAt)
        .then(
          (v) => {
            if (v) kill(v);
          },
          () => undefined,
        )
        .finally(() => {
          checking = false;
        });
    }, this.o.checkIntervalMs);
    const exit = await proc.exited;
    clearInterval(timer);
    return { exit, verdict, healthyMs: onlineAt ? Date.now() - onlineAt : 0 };
  }

  /** One health check of the running ffmpeg: a verdict when it must be restarted. */
  private async check(startedAt: number, onlineAt: number): Promise<Verdict | undefined> {
    const now = Date.now();
    if (!onlineAt) {
      if (now - startedAt <= this.o.startTimeoutMs) return undefined;
      const said = classifyFailure(this.current?.stderrTail() ?? []);
      return said
        ? { reason: said.reason, detail: said.line }
        : { reason: 'stalled', detail: `no video frame within ${seconds(this.o.startTimeoutMs)} of starting` };
    }
    if (now - this.lastFrame.at > this.o.stallTimeoutMs) {
      return { reason: 'stalled', detail: `no new frame for ${seconds(now - this.lastFrame.at)}` };
    }
    if (this.o.role === 'snapshot') return undefined;
    const hlsTime = this.o.ffmpeg?.hlsTimeSec ?? FFMPEG_DEFAULTS.hlsTimeSec;
    const lastWrite = Math.max((await lastSegmentWrite(this.dir)) ?? 0, onlineAt);
    const quiet = Date.now() - lastWrite;
    if (quiet <= Math.max(this.o.minStaleSegmentMs, this.o.staleSegmentFactor * hlsTime * 1000)) return undefined;
    // Segments are cut at key frames: a camera with a long GOP makes longer segments.
    const target = Math.max(hlsTime, (await liveTargetDuration(this.dir)) ?? 0);
    if (quiet <= Math.max(this.o.minStaleSegmentMs, this.o.staleSegmentFactor * target * 1000)) return undefined;
    return { reason: 'stalled', detail: `no new segment for ${seconds(quiet)}` };
  }

  private setStatus(status: CameraStatus, reason: OfflineReason | null, detail: string | null): void {
    const previous = this.state.status;
    if (previous === status && this.state.reason === reason) return;
    const at = new Date();
    this.state = { status, reason, since: at };
    if (status === 'offline') this.log?.warn({ reason, detail }, 'camera offline');
    this.emit('status', { cameraId: this.cameraId, status, reason, detail, at, previous });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function exitVerdict(exit: ProcessExit): Verdict {
  const said = classifyFailure(exit.stderrTail);
  if (said) return { reason: said.reason, detail: said.line };
  if (exit.error) return { reason: 'exited', detail: exit.error };
  return {
    reason: 'exited',
    detail: exit.signal ? `ffmpeg killed by ${exit.signal}` : `ffmpeg exited with code ${exit.code}`,
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
