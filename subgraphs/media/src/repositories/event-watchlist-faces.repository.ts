import { sql, type Kysely } from 'kysely';
import type { MediaDb } from '../db.js';

/** The face descriptors of watchlist face images: the meta of the organization's face_image uploads. */
export class EventWatchlistFacesRepository {
  private readonly db: Kysely<any>;

  constructor(db: MediaDb) {
    this.db = db as unknown as Kysely<any>;
  }

  async descriptors(
    organizationId: number,
    uploadIds: readonly string[],
  ): Promise<Map<string, { data: string; version?: string }>> {
    const ids = uploadIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (ids.length === 0) return new Map();
    const { rows } = await sql<{ id: string; descriptor: { data: string; version?: string } | null }>`
      select id::text as id, meta -> 'descriptor' as descriptor from media.uploads
      where organization_id = ${organizationId} and kind = 'face_image'
        and id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})`.execute(this.db);
    return new Map(rows.filter((r) => r.descriptor?.data).map((r) => [r.id, r.descriptor!]));
  }
}
