import { sql } from 'kysely';
import type { StreamingDb } from './streaming-db.js';

export interface CameraLeaseRow {
  camera_id: string;
  streamserver_id: string;
  expires_at: Date;
  acquired_at: Date;
}

const COLUMNS = ['camera_id', 'streamserver_id', 'expires_at', 'acquired_at'] as const;

/**
 * Leases on cameras: a camera is ingested only by the server whose lease on it has not expired.
 * Every change is one atomic statement; expiry is judged by the database clock.
 */
export class CameraLeaseRepository {
  constructor(private readonly db: StreamingDb) {}

  /**
   * Acquires or renews the leases of `cameraIds` for `serverId` until now + ttl, in one
   * statement: a camera without a lease, with an expired lease or with this server's lease is
   * taken; one leased to another server is left alone. Returns the cameras the server now holds
   * among those asked (with when it first acquired each).
   */
  async claim(
    serverId: string,
    cameraIds: readonly string[],
    ttlMs: number,
  ): Promise<{ cameraId: string; acquiredAt: Date }[]> {
    // sorted and unique: one row per camera, and concurrent claims lock rows in the same order
    const ids = [...new Set(cameraIds)].sort();
    if (ids.length === 0) return [];
    const expires = sql<Date>`now() + ${ttlMs} * interval '1 millisecond'`;
    const rows = await this.db
      .insertInto('camera_leases')
      .values(
        ids.map((id) => ({ camera_id: id, streamserver_id: serverId, expires_at: expires, acquired_at: sql`now()` })),
      )
      .onConflict((oc) =>
        oc
          .column('camera_id')
          .doUpdateSet({
            streamserver_id: (eb) => eb.ref('excluded.streamserver_id'),
            expires_at: (eb) => eb.ref('excluded.expires_at'),
            acquired_at: sql`case when camera_leases.streamserver_id = excluded.streamserver_id then camera_leases.acquired_at else excluded.acquired_at end`,
          })
          .where(
            sql<boolean>`camera_leases.streamserver_id = excluded.streamserver_id or camera_leases.expires_at <= now()`,
          ),
      )
      .returning(['camera_id', 'acquired_at'])
      .execute();
    return rows.map((r) => ({ cameraId: r.camera_id, acquiredAt: r.acquired_at }));
  }

  /** Gives up this server's leases on these cameras (another server's are left alone). */
  async release(serverId: string, cameraIds: readonly string[]): Promise<void> {
    if (cameraIds.length === 0) return;
    await this.db
      .deleteFrom('camera_leases')
      .where('streamserver_id', '=', serverId)
      .where('camera_id', 'in', [...cameraIds])
      .execute();
  }

  /** Gives up every lease of this server. */
  async releaseAll(serverId: string): Promise<void> {
    await this.db.deleteFrom('camera_leases').where('streamserver_id', '=', serverId).execute();
  }

  /** Unexpired leases, by camera. */
  listValid(): Promise<CameraLeaseRow[]> {
    return this.db
      .selectFrom('camera_leases')
      .select(COLUMNS)
      .where(sql<boolean>`expires_at > now()`)
      .orderBy('camera_id')
      .execute();
  }
}
