import PgBoss from 'pg-boss';
import type { Database, Logger } from '@argus/core';
import { kyselyBossDb } from './kysely-boss-db.js';

/** What a clip job carries: the clip's id; everything else is in its `streaming.video_clips` row. */
export interface ClipJobData {
  clipId: string;
}

export interface ClipJob {
  readonly id: string;
  readonly data: ClipJobData;
}

/** pg-boss's schema (its own tables, installed and migrated by pg-boss on start). */
export const CLIP_QUEUE_SCHEMA = 'pgboss';

/** A queue per camera: only the stream server holding the camera's lease (its recordings) works it. */
export function clipQueueName(cameraId: string): string {
  return `video-clip.${cameraId}`;
}

export interface ClipQueueOptions {
  readonly logger: Logger;
  /** run pg-boss's maintenance (expiry, archiving) in this process: the engines do, the subgraph does not */
  readonly supervise?: boolean;
  /** how often a worker looks for new jobs of a camera (pg-boss's minimum is 0.5 s) */
  readonly pollingIntervalSeconds?: number;
  /** retries after a failed or interrupted attempt (the worker also counts attempts in the clip row) */
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  /** pg-boss fails an attempt still active after this long (a backstop; abandoned clips are normally found by their heartbeat) */
  readonly expireInSeconds?: number;
}

/**
 * The durable job queue of clips, on pg-boss over the part's own database handle (a `pg` pool or
 * the embedded PGlite, see kyselyBossDb): jobs survive restarts of every process.
 */
export class ClipQueue {
  private boss: PgBoss;
  private readonly queues = new Set<string>();
  private started: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: ClipQueueOptions,
  ) {
    this.boss = this.createBoss();
  }

  /**
   * Installs or migrates pg-boss's schema (once). Processes starting together may race to create
   * it (both find it missing; the second's install fails and is rolled back, see kyselyBossDb); a
   * failed start is retried with a new client, which finds the schema there and only migrates it
   * (a pg-boss instance cannot be started twice).
   */
  start(): Promise<void> {
    this.started ??= this.startWithRetry();
    return this.started;
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.start();
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        this.options.logger.warn({ err: (err as Error).message, attempt }, 'starting the clip queue failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
        this.boss = this.createBoss();
      }
    }
  }

  private createBoss(): PgBoss {
    const boss = new PgBoss({
      db: kyselyBossDb(this.database) as PgBoss.Db,
      schema: CLIP_QUEUE_SCHEMA,
      supervise: this.options.supervise ?? false,
      schedule: false,
      migrate: true,
      maintenanceIntervalSeconds: 30,
    });
    boss.on('error', (err: Error) => this.options.logger.warn({ err: err.message }, 'clip queue error'));
    return boss;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    // `close: false`: the database handle is the part's, not pg-boss's
    await this.boss.stop({ graceful: true, close: false, wait: true, timeout: 5000 });
  }

  /** Enqueues the clip's job on its camera's queue; answers the job id. */
  async send(cameraId: string, clipId: string): Promise<string> {
    const name = await this.ensureQueue(cameraId);
    const id = await this.boss.send(name, { clipId } satisfies ClipJobData, {
      retryLimit: this.options.retryLimit ?? 3,
      retryDelay: this.options.retryDelaySeconds ?? 1,
      expireInSeconds: this.options.expireInSeconds ?? 3600,
    });
    if (!id) throw new Error(`the clip job of ${clipId} was not queued`);
    return id;
  }

  /** Works a camera's queue, one job at a time; a handler that throws fails the attempt (pg-boss retries it). */
  async work(cameraId: string, handler: (job: ClipJob) => Promise<void>): Promise<void> {
    const name = await this.ensureQueue(cameraId);
    await this.boss.work<ClipJobData>(
      name,
      { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5 },
      async (jobs) => {
        for (const job of jobs) await handler({ id: job.id, data: job.data });
      },
    );
  }

  /** Stops working a camera's queue (an attempt in progress is not waited for). */
  async offWork(cameraId: string): Promise<void> {
    await this.boss.offWork(clipQueueName(cameraId));
  }

  /** A queued job that must not run (its clip was deleted). */
  async cancel(cameraId: string, jobId: string): Promise<void> {
    await this.boss.cancel(clipQueueName(cameraId), jobId);
  }

  /** Fails an attempt whose worker is gone; pg-boss retries it while retries are left. */
  async fail(cameraId: string, jobId: string, reason: string): Promise<void> {
    await this.boss.fail(clipQueueName(cameraId), jobId, { reason });
  }

  private async ensureQueue(cameraId: string): Promise<string> {
    await this.start();
    const name = clipQueueName(cameraId);
    if (!this.queues.has(name)) {
      await this.boss.createQueue(name);
      this.queues.add(name);
    }
    return name;
  }
}
