import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@argus/core';
import { ClipRangeError, cutClip } from '../recording/clip.js';
import { clipFileName } from '../recording/clip-url.js';
import { cameraRecordingDir } from '../recording/recording-layout.js';
import type { ClipJob, ClipQueue } from './clip-queue.js';
import type { VideoClipRepository, VideoClipRow } from './video-clip.repository.js';

export interface ClipWorkerOptions {
  readonly queue: ClipQueue;
  readonly clips: VideoClipRepository;
  readonly streamServerId: string;
  readonly recordingsDir: string;
  readonly clipsDir: string;
  /** where this server's clips are downloaded from (its media base URL), once it listens */
  readonly servedFrom: () => Promise<string>;
  readonly logger: Logger;
  readonly ffmpegPath?: string;
  /** attempts of one clip before it fails (an attempt ends by an error or by its server going away) */
  readonly maxAttempts?: number;
  /** how often a running clip's progress (and heartbeat) is written and its status read (abort) */
  readonly heartbeatMs?: number;
  /** a running clip whose heartbeat is older than this belongs to a server that is gone */
  readonly staleMs?: number;
}

interface Running {
  readonly clip: VideoClipRow;
  readonly controller: AbortController;
  /** why it was interrupted by this server (lease lost, stopping): retried elsewhere or later */
  interrupted?: string;
}

/**
 * Cuts the clips of the cameras this stream server holds the lease of (their recordings are on
 * its disk): it works each owned camera's queue (watch/unwatch follow the lease), one clip at a
 * time per camera. A running clip writes its progress and heartbeat every `heartbeatMs` and stops
 * its ffmpeg when its row says `aborted` (deleted). Clips of its cameras left `running` by a
 * server that is gone (its heartbeat is stale, or it is this server before a restart) go back to
 * `queued` and their job is failed, so pg-boss retries it — or they fail after maxAttempts.
 */
export class ClipWorker {
  private readonly watched = new Set<string>();
  private readonly running = new Map<string, Running>();
  private sweeper: NodeJS.Timeout | undefined;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: ClipWorkerOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 500;
    this.staleMs = options.staleMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  start(): void {
    this.sweeper ??= setInterval(
      () => void this.sweep().then(() => this.removeDeleted()),
      Math.max(1000, Math.floor(this.staleMs / 3)),
    );
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    await Promise.all([...this.watched].map((cameraId) => this.unwatch(cameraId, 'the stream server stopped')));
  }

  /** The camera's lease was acquired: recover its abandoned clips, then work its queue. */
  async watch(cameraId: string): Promise<void> {
    if (this.watched.has(cameraId)) return;
    this.watched.add(cameraId);
    try {
      await this.sweep([cameraId]);
      await this.options.queue.work(cameraId, (job) => this.run(cameraId, job));
    } catch (err) {
      this.watched.delete(cameraId);
      this.options.logger.error({ err: (err as Error).message, cameraId }, 'working the clip queue of a camera failed');
    }
  }

  /** The camera's lease is gone: stop taking its jobs and interrupt its running clip (retried by the next owner). */
  async unwatch(cameraId: string, reason = 'the camera moved to another stream server'): Promise<void> {
    if (!this.watched.delete(cameraId)) return;
    for (const entry of this.running.values()) {
      if (entry.clip.camera_id === cameraId) {
        entry.interrupted = reason;
        entry.controller.abort();
      }
    }
    await this.options.queue.offWork(cameraId).catch(() => undefined);
    // the interrupted attempt settles quickly (ffmpeg is stopped); wait for it so the row is final
    const deadline = Date.now() + 5000;
    while ([...this.running.values()].some((r) => r.clip.camera_id === cameraId) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async run(cameraId: string, job: ClipJob): Promise<void> {
    const { clips, logger } = this.options;
    const { clipId } = job.data;
    const queued = await clips.get(clipId);
    if (!queued || queued.status !== 'queued') return; // deleted, aborted or done meanwhile: nothing to do
    if (!this.watched.has(cameraId)) throw new Error('the camera is no longer owned by this stream server');
    if (queued.attempts >= this.maxAttempts) {
      await clips.failQueued(clipId, `gave up after ${queued.attempts} attempts: ${queued.error ?? 'interrupted'}`);
      return;
    }
    const clip = await clips.start(clipId, this.options.streamServerId, await this.options.servedFrom());
    if (!clip) return;
    const entry: Running = { clip, controller: new AbortController() };
    this.running.set(clipId, entry);
    const log = logger.child({ clipId, cameraId });
    log.info({ attempt: clip.attempts, from: clip.range_start, to: clip.range_end }, 'clip cut starting');
    let progress = 0;
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating) return;
      beating = true;
      void clips
        .progress(clipId, this.options.streamServerId, progress)
        .then((status) => {
          if (status !== 'running') entry.controller.abort();
        })
        .catch((err: Error) => log.warn({ err: err.message }, 'writing clip progress failed'))
        .finally(() => {
          beating = false;
        });
    }, this.heartbeatMs);
    const output = path.join(this.options.clipsDir, clipFileName(clipId));
    try {
      await mkdir(this.options.clipsDir, { recursive: true });
      const result = await cutClip({
        cameraDir: cameraRecordingDir(this.options.recordingsDir, cameraId),
        fromMs: clip.range_start.getTime(),
        toMs: clip.range_end.getTime(),
        output,
        onProgress: (fraction) => {
          progress = fraction;
        },
        signal: entry.controller.signal,
        logger: log,
        ffmpegPath: this.options.ffmpegPath,
      });
      clearInterval(heartbeat);
      if (
        !(await clips.finish(clipId, this.options.streamServerId, {
          resultPath: clipFileName(clipId),
          sizeBytes: result.sizeBytes,
        }))
      ) {
        await rm(output, { force: true }); // aborted while finishing
        log.info('clip aborted');
        return;
      }
      log.info({ sizeBytes: result.sizeBytes, durationMs: result.durationMs }, 'clip done');
    } catch (err) {
      clearInterval(heartbeat);
      await rm(output, { force: true });
      if (entry.interrupted) {
        await clips.fail(clipId, this.options.streamServerId, `interrupted: ${entry.interrupted}`, true);
        log.info({ reason: entry.interrupted }, 'clip interrupted; it will be retried');
        throw new Error(`interrupted: ${entry.interrupted}`);
      }
      if (entry.controller.signal.aborted) {
        log.info('clip aborted');
        return;
      }
      const message =
        err instanceof ClipRangeError ? `no recording in the range: ${err.message}` : (err as Error).message;
      const retry = !(err instanceof ClipRangeError) && clip.attempts < this.maxAttempts;
      await clips.fail(clipId, this.options.streamServerId, message, retry);
      log.warn({ err: message, retry }, 'clip cut failed');
      if (retry) throw err;
    } finally {
      clearInterval(heartbeat);
      this.running.delete(clipId);
    }
  }

  /** Removes clip files (older than a minute) whose clip was deleted. */
  private async removeDeleted(): Promise<void> {
    try {
      const files = (await readdir(this.options.clipsDir).catch(() => [] as string[])).filter((f) =>
        /^[0-9a-f-]{36}\.mp4$/.test(f),
      );
      if (files.length === 0) return;
      const existing = await this.options.clips.existing(files.map((f) => f.slice(0, 36)));
      for (const file of files) {
        if (existing.has(file.slice(0, 36))) continue;
        const full = path.join(this.options.clipsDir, file);
        const info = await stat(full).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > 60_000) await rm(full, { force: true });
      }
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'removing deleted clips failed');
    }
  }

  /** Requeues (or fails) clips of the watched cameras abandoned by a server that is gone. */
  private async sweep(cameraIds = [...this.watched]): Promise<void> {
    const { clips, queue, logger, streamServerId } = this.options;
    try {
      const abandoned = await clips.listAbandoned(cameraIds, streamServerId, this.staleMs);
      for (const clip of abandoned) {
        if (this.running.has(clip.id)) continue;
        const reason = `stream server ${clip.streamserver_id ?? '?'} stopped while cutting it`;
        if (clip.attempts >= this.maxAttempts) {
          await clips.fail(
            clip.id,
            clip.streamserver_id ?? '',
            `gave up after ${clip.attempts} attempts: ${reason}`,
            false,
          );
        } else if (!(await clips.requeue(clip.id, clip.streamserver_id, reason))) {
          continue;
        }
        if (clip.job_id) await queue.fail(clip.camera_id, clip.job_id, reason).catch(() => undefined);
        logger.info(
          { clipId: clip.id, cameraId: clip.camera_id, from: clip.streamserver_id },
          'abandoned clip requeued',
        );
      }
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'looking for abandoned clips failed');
    }
  }
}
