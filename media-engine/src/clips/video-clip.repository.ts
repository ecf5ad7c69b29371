import { sql, type ColumnType, type Kysely, type Selectable } from 'kysely';
import { STREAMING_SCHEMA } from '../cluster/streaming-db.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type VideoClipStatus = 'queued' | 'running' | 'failed' | 'aborted' | 'done';
export const UNFINISHED_CLIP_STATUSES: readonly VideoClipStatus[] = ['queued', 'running'];

export interface VideoClipTable {
  id: string;
  camera_id: string;
  camera_name: string;
  organization_id: number;
  user_id: number;
  range_start: Timestamp;
  range_end: Timestamp;
  status: ColumnType<VideoClipStatus, VideoClipStatus | undefined, VideoClipStatus>;
  progress: ColumnType<number, number | undefined, number>;
  job_id: string | null;
  streamserver_id: string | null;
  heartbeat_at: NullableTimestamp;
  served_from: string | null;
  result_path: string | null;
  size_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export type VideoClipRow = Selectable<VideoClipTable>;

interface ClipTables {
  video_clips: VideoClipTable;
}

export interface NewVideoClip {
  id: string;
  cameraId: string;
  cameraName: string;
  organizationId: number;
  userId: number;
  rangeStart: Date;
  rangeEnd: Date;
}

export interface VideoClipFilter {
  /** undefined: every organization (superuser) */
  organizationId?: number;
  cameraId?: string;
  status?: VideoClipStatus;
  createdFrom?: Date;
  createdTo?: Date;
}

/** SQL of the `streaming.video_clips` table: the clip records the media subgraph and the engines share. */
export class VideoClipRepository {
  private readonly db: Kysely<ClipTables>;

  constructor(db: Kysely<any>) {
    this.db = (db as Kysely<ClipTables>).withSchema(STREAMING_SCHEMA);
  }

  /** Inserts the clip only while the user has fewer than `quota` unfinished clips (one statement: concurrent requests cannot both pass). */
  async insertWithinQuota(clip: NewVideoClip, quota: number): Promise<VideoClipRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      // serialises the quota check per user (transaction-scoped advisory lock)
      await sql`select pg_advisory_xact_lock(hashtext('argus.video_clips.quota'), ${clip.userId}::int)`.execute(trx);
      const { count } = await trx
        .selectFrom('video_clips')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('user_id', '=', clip.userId)
        .where('status', 'in', [...UNFINISHED_CLIP_STATUSES])
        .executeTakeFirstOrThrow();
      if (Number(count) >= quota) return undefined;
      return trx
        .insertInto('video_clips')
        .values({
          id: clip.id,
          camera_id: clip.cameraId,
          camera_name: clip.cameraName,
          organization_id: clip.organizationId,
          user_id: clip.userId,
          range_start: clip.rangeStart,
          range_end: clip.rangeEnd,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async setJob(id: string, jobId: string): Promise<void> {
    await this.db.updateTable('video_clips').set({ job_id: jobId }).where('id', '=', id).execute();
  }

  async get(id: string): Promise<VideoClipRow | undefined> {
    return this.db.selectFrom('video_clips').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(filter: VideoClipFilter, limit = 1000): Promise<VideoClipRow[]> {
    let q = this.db.selectFrom('video_clips').selectAll();
    if (filter.organizationId !== undefined) q = q.where('organization_id', '=', filter.organizationId);
    if (filter.cameraId !== undefined) q = q.where('camera_id', '=', filter.cameraId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.createdFrom !== undefined) q = q.where('created_at', '>=', filter.createdFrom);
    // created_at is stored to the microsecond but answered to the millisecond: an end bound equal to
    // an answered created_at includes that clip (created_at < end + 1 ms ⇔ its millisecond <= end)
    if (filter.createdTo !== undefined) q = q.where('created_at', '<', new Date(filter.createdTo.getTime() + 1));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** queued → running for this stream server; undefined when the clip is no longer queued (aborted, deleted, done). */
  async start(id: string, streamServerId: string, servedFrom: string): Promise<VideoClipRow | undefined> {
    return this.db
      .updateTable('video_clips')
      .set({
        status: 'running',
        progress: 0,
        streamserver_id: streamServerId,
        served_from: servedFrom,
        heartbeat_at: sql`now()`,
        started_at: sql`now()`,
        attempts: sql`attempts + 1`,
        error: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  }

  /** Progress of a running clip (also its heartbeat); answers the clip's status, so the worker sees an abort. */
  async progress(id: string, streamServerId: string, progress: number): Promise<VideoClipStatus | undefined> {
    const row = await this.db
      .updateTable('video_clips')
      .set({ progress: sql`greatest(progress, ${clamp(progress)})`, heartbeat_at: sql`now()` })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('streamserver_id', '=', streamServerId)
      .returning('status')
      .executeTakeFirst();
    if (row) return row.status;
    return (await this.db.selectFrom('video_clips').select('status').where('id', '=', id).executeTakeFirst())?.status;
  }

  async finish(
    id: string,
    streamServerId: string,
    result: { resultPath: string; sizeBytes: number },
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('video_clips')
      .set({
        status: 'done',
        progress: 1,
        result_path: result.resultPath,
        size_bytes: result.sizeBytes,
        finished_at: sql`now()`,
        heartbeat_at: sql`now()`,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('streamserver_id', '=', streamServerId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** running → failed (final) or back to queued (the job is retried). */
  async fail(id: string, streamServerId: string, error: string, retry: boolean): Promise<void> {
    await this.db
      .updateTable('video_clips')
      .set(
        retry ? { status: 'queued', error, heartbeat_at: null } : { status: 'failed', error, finished_at: sql`now()` },
      )
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('streamserver_id', '=', streamServerId)
      .execute();
  }

  /** Fails a queued clip whose job cannot run (e.g. the range has no recording any more). */
  async failQueued(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('video_clips')
      .set({ status: 'failed', error, finished_at: sql`now()` })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
  }

  /** queued/running → aborted; answers the row as it was before, or undefined when it was already finished. */
  async abort(id: string): Promise<VideoClipRow | undefined> {
    return this.db
      .updateTable('video_clips')
      .set({ status: 'aborted', finished_at: sql`now()` })
      .where('id', '=', id)
      .where('status', 'in', [...UNFINISHED_CLIP_STATUSES])
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: string): Promise<VideoClipRow | undefined> {
    return this.db.deleteFrom('video_clips').where('id', '=', id).returningAll().executeTakeFirst();
  }

  /**
   * Clips of these cameras left `running` by a stream server that is gone: by this one before it
   * restarted (`restartedServerId`), or by any whose heartbeat is older than `staleMs`.
   */
  async listAbandoned(
    cameraIds: readonly string[],
    restartedServerId: string,
    staleMs: number,
  ): Promise<VideoClipRow[]> {
    if (cameraIds.length === 0) return [];
    return this.db
      .selectFrom('video_clips')
      .selectAll()
      .where('camera_id', 'in', [...cameraIds])
      .where('status', '=', 'running')
      .where((eb) =>
        eb.or([
          eb('streamserver_id', '=', restartedServerId),
          eb('heartbeat_at', 'is', null),
          eb('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${staleMs / 1000})`),
        ]),
      )
      .execute();
  }

  /** Which of these clips still exist (files of the others are removed). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('video_clips')
      .select('id')
      .where('id', 'in', [...ids])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** running (abandoned) → queued, so the retried job starts it again. */
  async requeue(id: string, streamServerId: string | null, reason: string): Promise<boolean> {
    let q = this.db
      .updateTable('video_clips')
      .set({ status: 'queued', heartbeat_at: null, error: reason })
      .where('id', '=', id)
      .where('status', '=', 'running');
    q =
      streamServerId === null
        ? q.where('streamserver_id', 'is', null)
        : q.where('streamserver_id', '=', streamServerId);
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }
}

function clamp(progress: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
}
