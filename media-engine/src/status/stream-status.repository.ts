import { sql } from 'kysely';
import type { StatusDb } from './status-db.js';
import type { StreamStatusEvent } from './stream-status.types.js';

/** What a stream server records: a transition of one camera. */
export interface NewStatusEvent {
  readonly cameraId: string;
  readonly status: 'online' | 'offline';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly streamServerId: string | null;
}

/** The lease row of a camera with its server's host; `valid` while it has not expired. */
export interface LeaseHolder {
  readonly cameraId: string;
  readonly streamServerId: string;
  readonly host: string | null;
  readonly acquiredAt: Date;
  readonly expiresAt: Date;
  readonly valid: boolean;
}

const COLUMNS = ['id', 'camera_id', 'status', 'reason', 'detail', 'streamserver_id', 'at'] as const;
type Row = {
  id: number;
  camera_id: string;
  status: 'online' | 'offline';
  reason: string | null;
  detail: string | null;
  streamserver_id: string | null;
  at: Date;
};

/** Stream status transitions (streaming.stream_status_events); times from the database clock. */
export class StreamStatusRepository {
  constructor(private readonly db: StatusDb) {}

  /**
   * Appends a transition unless the camera's last one already says the same (status, reason and
   * server): one statement, so a repeated report or a second writer adds nothing. `at` defaults
   * to the database's now(). Returns whether a row was added.
   */
  async append(event: NewStatusEvent, at?: Date): Promise<boolean> {
    const result = await sql<{ id: number }>`
      insert into streaming.stream_status_events (camera_id, status, reason, detail, streamserver_id, at)
      select ${event.cameraId}::uuid, ${event.status}, ${event.reason}, ${event.detail}, ${event.streamServerId}, coalesce(${at ?? null}::timestamptz, now())
      where not exists (
        select 1 from (
          select status, reason, streamserver_id from streaming.stream_status_events
          where camera_id = ${event.cameraId}::uuid order by id desc limit 1
        ) last
        where last.status = ${event.status} and last.reason is not distinct from ${event.reason}::varchar
          and last.streamserver_id is not distinct from ${event.streamServerId}::varchar
      )
      returning id`.execute(this.db);
    return result.rows.length > 0;
  }

  /**
   * A new owner's takeover: when the camera's last transition is `online` by another server
   * (which died or lost the lease without saying so), appends `offline` for it, dated at that
   * server's last heartbeat (not before the transition, not after now).
   */
  async closeForeignOnline(cameraId: string, ownerId: string, reason: string, detail: string): Promise<boolean> {
    const result = await sql<{ id: number }>`
      insert into streaming.stream_status_events (camera_id, status, reason, detail, streamserver_id, at)
      select last.camera_id, 'offline', ${reason}, ${detail}, last.streamserver_id,
        greatest(last.at, least(now(), coalesce((select s.heartbeat_at from streaming.stream_servers s where s.id = last.streamserver_id), now())))
      from (
        select camera_id, status, streamserver_id, at from streaming.stream_status_events
        where camera_id = ${cameraId}::uuid order by id desc limit 1
      ) last
      where last.status = 'online' and last.streamserver_id is distinct from ${ownerId}::varchar
      returning id`.execute(this.db);
    return result.rows.length > 0;
  }

  /**
   * Writes down the leases that ran out under an `online`: for each camera whose lease expired
   * while its last transition is `online` by the lease's holder (a server that died or lost the
   * database without saying so, and nobody took the camera over yet), appends `offline` for that
   * server, dated as a takeover dates it (`closeForeignOnline`). One statement; a camera already
   * written down, or taken over, is left alone. Returns the cameras written down.
   */
  async closeLapsedOnline(reason: string, detail: string): Promise<string[]> {
    const result = await sql<{ camera_id: string }>`
      insert into streaming.stream_status_events (camera_id, status, reason, detail, streamserver_id, at)
      select l.camera_id, 'offline', ${reason}, ${detail}, l.streamserver_id,
        greatest(last.at, least(now(), coalesce(s.heartbeat_at, l.expires_at)))
      from streaming.camera_leases l
      left join streaming.stream_servers s on s.id = l.streamserver_id
      cross join lateral (
        select e.status, e.streamserver_id, e.at from streaming.stream_status_events e
        where e.camera_id = l.camera_id order by e.id desc limit 1
      ) last
      where l.expires_at <= now() and last.status = 'online' and last.streamserver_id = l.streamserver_id
      returning camera_id`.execute(this.db);
    return result.rows.map((r) => r.camera_id);
  }

  /** The last transition of each camera. */
  async latest(cameraIds: readonly string[]): Promise<StreamStatusEvent[]> {
    if (cameraIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('stream_status_events')
      .select(COLUMNS)
      .distinctOn('camera_id')
      .where('camera_id', 'in', [...new Set(cameraIds)])
      .orderBy('camera_id')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toEvent);
  }

  /** Every transition of these cameras, oldest first. */
  async history(cameraIds: readonly string[]): Promise<StreamStatusEvent[]> {
    if (cameraIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('stream_status_events')
      .select(COLUMNS)
      .where('camera_id', 'in', [...new Set(cameraIds)])
      .orderBy('id')
      .execute();
    return rows.map(toEvent);
  }

  /** Transitions with an id above `afterId` (for followers), oldest first, at most `limit`. */
  async after(afterId: number, limit = 1000): Promise<StreamStatusEvent[]> {
    const rows = await this.db
      .selectFrom('stream_status_events')
      .select(COLUMNS)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /** The highest id so far (0 when none). */
  async lastId(): Promise<number> {
    const row = await this.db
      .selectFrom('stream_status_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** The lease rows of these cameras (valid or expired, not yet released) with their server's host. */
  async leases(cameraIds: readonly string[]): Promise<LeaseHolder[]> {
    if (cameraIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('camera_leases as l')
      .leftJoin('stream_servers as s', 's.id', 'l.streamserver_id')
      .select([
        'l.camera_id',
        'l.streamserver_id',
        's.host',
        'l.acquired_at',
        'l.expires_at',
        sql<boolean>`l.expires_at > now()`.as('valid'),
      ])
      .where('l.camera_id', 'in', [...new Set(cameraIds)])
      .execute();
    return rows.map((r) => ({
      cameraId: r.camera_id,
      streamServerId: r.streamserver_id,
      host: r.host ?? null,
      acquiredAt: new Date(r.acquired_at),
      expiresAt: new Date(r.expires_at),
      valid: Boolean(r.valid),
    }));
  }

  /** The database clock. */
  async now(): Promise<Date> {
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(this.db);
    return new Date(rows[0]!.now);
  }
}

function toEvent(r: Row): StreamStatusEvent {
  return {
    id: Number(r.id),
    cameraId: r.camera_id,
    status: r.status,
    reason: r.reason,
    detail: r.detail,
    streamServerId: r.streamserver_id,
    at: new Date(r.at),
  };
}
