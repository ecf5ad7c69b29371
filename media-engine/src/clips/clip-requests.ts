import { UnavailableError, type Database, type Logger } from '@argus/core';
import { isMissingSchema } from '../cluster/missing-schema.js';
import { ClipQueue } from './clip-queue.js';
import { VideoClipRepository, type NewVideoClip, type VideoClipRow } from './video-clip.repository.js';

/**
 * The writes of clip requests, published for the media subgraph (`@argus/media-engine/client`):
 * they must work while no engine runs (a clip asked for then waits in PostgreSQL until an owner
 * of its camera starts), so they are the engine's code run on the shared database rather than a
 * call to a live engine. The subgraph only enqueues and aborts; engines cut. The `streaming`
 * tables are the engines' to create: before any engine ran, a request is UnavailableError (503).
 */
export class ClipRequests {
  private readonly clips: VideoClipRepository;
  private readonly queue: ClipQueue;

  constructor(database: Database, logger: Logger) {
    this.clips = new VideoClipRepository(database.db);
    this.queue = new ClipQueue(database, { logger, supervise: false });
  }

  /** Inserts the clip (unless the user has `quota` unfinished ones: undefined) and queues its job. */
  async create(clip: NewVideoClip, quota: number): Promise<VideoClipRow | undefined> {
    const row = await this.clips.insertWithinQuota(clip, quota).catch(unavailableBeforeEngines);
    if (!row) return undefined;
    try {
      await this.queue.start();
      const jobId = await this.queue.send(row.camera_id, row.id);
      await this.clips.setJob(row.id, jobId);
      return { ...row, job_id: jobId };
    } catch (err) {
      await this.clips.delete(row.id);
      throw err;
    }
  }

  /**
   * Aborts an unfinished clip: its queued job is cancelled, a running one's worker stops its
   * ffmpeg within a heartbeat. Undefined when the clip is no longer unfinished.
   */
  async abort(clip: Pick<VideoClipRow, 'id' | 'status'>): Promise<VideoClipRow | undefined> {
    const aborted = await this.clips.abort(clip.id).catch(unavailableBeforeEngines);
    if (aborted?.job_id && clip.status === 'queued') {
      await this.queue
        .start()
        .then(() => this.queue.cancel(aborted.camera_id, aborted.job_id!))
        .catch(() => undefined);
    }
    return aborted;
  }

  /** Removes a clip record (its file is removed by its stream server's sweep). */
  async delete(id: string): Promise<void> {
    await this.clips.delete(id).catch(unavailableBeforeEngines);
  }

  close(): Promise<void> {
    return this.queue.stop();
  }
}

function unavailableBeforeEngines(err: unknown): never {
  if (isMissingSchema(err)) throw new UnavailableError('No media engine has started yet: video clips cannot be stored');
  throw err;
}
