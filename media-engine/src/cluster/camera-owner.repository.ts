import { sql } from 'kysely';
import type { StreamingDb } from './streaming-db.js';

export interface CameraOwnerRow {
  camera_id: string;
  streamserver_id: string;
  host: string | null;
}

/** Which live stream server holds a camera's valid lease (by the database clock). */
export class CameraOwnerRepository {
  constructor(private readonly db: StreamingDb) {}

  findOwner(cameraId: string): Promise<CameraOwnerRow | undefined> {
    return this.db
      .selectFrom('camera_leases as l')
      .innerJoin('stream_servers as s', 's.id', 'l.streamserver_id')
      .select(['l.camera_id', 'l.streamserver_id', 's.host'])
      .where('l.camera_id', '=', cameraId)
      .where(sql<boolean>`l.expires_at > now()`)
      .where(sql<boolean>`s.heartbeat_at + s.ttl_ms * interval '1 millisecond' > now()`)
      .executeTakeFirst();
  }
}
