import { EventEmitter } from 'node:events';
import type { Logger } from '@argus/core';
import { sourceSecrets, type IngestCamera } from '../ffmpeg/camera-source.js';
import { classifyFailure } from '../ffmpeg/failure-reason.js';
import { Backoff, type BackoffOptions } from '../ingest/backoff.js';
import { buildAnalysisArgs, type AnalysisFfmpegOptions } from './analysis-ffmpeg-args.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { CaptureClock } from './capture-clock.js';
import { startFrameDecoder, type DecoderExit, type FrameDecoder } from './frame-decoder.js';

/** Why a camera's analysis is not running. */
export type AnalysisDownReason = 'starting' | 'unreachable' | 'unauthorized' | 'no_video' | 'stalled' | 'exited';

export interface FrameSourceStatus {
  readonly state: 'running' | 'down';
  /** null while running */
  readonly reason: AnalysisDownReason | null;
  readonly detail: string | null;
  readonly since: Date;
}

export interface FrameSourceRestart {
  readonly cameraId: string;
  readonly reason: AnalysisDownReason;
  readonly detail: string | null;
  readonly delayMs: number;
  readonly attempt: number;
}

export interface FrameSourceOptions {
  readonly camera: IngestCamera;
  readonly ffmpeg: AnalysisFfmpegOptions;
  readonly ffmpegPath?: string;
  readonly logger?: Logger;
  /** no frame for this long while running: restart (stalled); default max(10 s, 5 frame intervals) */
  readonly stallTimeoutMs?: number;
  /** no first frame this long after a start: restart */
  readonly startTimeoutMs?: number;
  readonly checkIntervalMs?: number;
  readonly stopGraceMs?: number;
  readonly backoff?: BackoffOptions;
}

export interface FrameSourceEvents {
  frame: [AnalysisFrame];
  status: [FrameSourceStatus];
  restart: [FrameSourceRestart];
  started: [{ pid: number | undefined }];
}

/**
 * Decodes one camera to frames for the detectors and supervises the decoder as the ingest
 * watchdog does its ffmpeg: a decoder that exits, gives no first frame within startTimeoutMs or
 * no frame for stallTimeoutMs is restarted with exponential backoff (reset after a healthy minute).
 */
export class FrameSource extends EventEmitter<FrameSourceEvents> {
  private readonly backoff: Backoff;
  private readonly secrets: string[];
  private readonly log: Logger | undefined;
  private readonly stallMs: number;
  private decoder: FrameDecoder | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private state: FrameSourceStatus = { state: 'down', reason: 'starting', detail: null, since: new Date() };
  private lastFrameAt = 0;
  private frameCount = 0;
  private restartCount = 0;

  constructor(private readonly o: FrameSourceOptions) {
    super();
    this.backoff = new Backoff(o.backoff);
    this.secrets = sourceSecrets(o.camera.source);
    this.log = o.logger;
    this.stallMs = o.stallTimeoutMs ?? Math.max(10_000, Math.ceil((5 * 1000) / o.ffmpeg.fps));
    buildAnalysisArgs(o.camera, o.ffmpeg); // bad options throw here, not in the loop
  }

  get status(): FrameSourceStatus {
    return this.state;
  }

  get pid(): number | undefined {
    return this.decoder?.running ? this.decoder.pid : undefined;
  }

  /** frames read since the source was created */
  get frames(): number {
    return this.frameCount;
  }

  get restarts(): number {
    return this.restartCount;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run().catch((err: unknown) => this.log?.error({ err }, 'frame source failed'));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.decoder?.stop(this.o.stopGraceMs ?? 2000);
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const { exit, verdict, healthyMs } = await this.runOnce();
      if (this.stopping) break;
      const { reason, detail } = verdict ?? exitVerdict(exit);
      this.setStatus({ state: 'down', reason, detail, since: new Date() });
      const delayMs = this.backoff.next(healthyMs);
      this.restartCount++;
      this.log?.warn(
        { reason, detail, code: exit.code, signal: exit.signal, delayMs, stderr: exit.stderrTail.slice(-6) },
        'analysis decoder ended; restarting',
      );
      this.emit('restart', { cameraId: this.o.camera.id, reason, detail, delayMs, attempt: this.backoff.attempts });
      await this.sleep(delayMs);
    }
  }

  private async runOnce(): Promise<{
    exit: DecoderExit;
    verdict: { reason: AnalysisDownReason; detail: string } | undefined;
    healthyMs: number;
  }> {
    const startedAt = Date.now();
    let runningAt = 0;
    let seq = 0;
    let verdict: { reason: AnalysisDownReason; detail: string } | undefined;
    this.lastFrameAt = 0;
    const clock = new CaptureClock();
    const decoder = startFrameDecoder({
      ffmpegPath: this.o.ffmpegPath,
      args: buildAnalysisArgs(this.o.camera, this.o.ffmpeg),
      secrets: this.secrets,
      logger: this.log,
      onFrame: (raw, ptsMs) => {
        if (this.stopping || verdict) return;
        const readAt = Date.now();
        this.lastFrameAt = readAt;
        this.frameCount++;
        if (!runningAt) {
          runningAt = readAt;
          this.setStatus({ state: 'running', reason: null, detail: null, since: new Date(readAt) });
        }
        this.emit('frame', { ...raw, ts: clock.stamp(readAt, ptsMs), seq: seq++ });
      },
    });
    this.decoder = decoder;
    this.emit('started', { pid: decoder.pid });
    const timer = setInterval(() => {
      if (verdict || !decoder.running) return;
      const now = Date.now();
      if (!runningAt && now - startedAt > (this.o.startTimeoutMs ?? 20_000)) {
        const said = classifyFailure(decoder.stderrTail());
        verdict = said
          ? { reason: said.reason, detail: said.line }
          : { reason: 'stalled', detail: `no frame within ${seconds(now - startedAt)} of starting` };
      } else if (runningAt && now - this.lastFrameAt > this.stallMs) {
        verdict = { reason: 'stalled', detail: `no new frame for ${seconds(now - this.lastFrameAt)}` };
      }
      if (verdict) void decoder.stop(this.o.stopGraceMs ?? 2000);
    }, this.o.checkIntervalMs ?? 1000);
    const exit = await decoder.exited;
    clearInterval(timer);
    return { exit, verdict, healthyMs: runningAt ? Date.now() - runningAt : 0 };
  }

  private setStatus(status: FrameSourceStatus): void {
    if (status.state === this.state.state && status.reason === this.state.reason) return;
    this.state = status;
    this.emit('status', status);
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

function exitVerdict(exit: DecoderExit): { reason: AnalysisDownReason; detail: string } {
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
