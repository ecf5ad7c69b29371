import type { Insertable, Selectable } from 'kysely';
import type { MediaDb, UploadTable } from '../db.js';

export type UploadRow = Selectable<UploadTable>;
export type NewUpload = Insertable<UploadTable>;

const COLUMNS = [
  'id', 'organization_id', 'kind', 'mime_type', 'size', 'sha256', 'storage_key', 'original_id', 'meta', 'created_by', 'created_at',
] as const;

/** Limits reads to one organization; undefined means every organization (superusers, other parts). */
export type OrganizationScope = number | undefined;

export class UploadRepository {
  constructor(private readonly db: MediaDb) {}

  findById(id: string, organizationId: OrganizationScope): Promise<UploadRow | undefined> {
    return this.db.selectFrom('uploads').select(COLUMNS).where('id', '=', id)
      .$if(organizationId !== undefined, (q) => q.where('organization_id', '=', organizationId!))
      .executeTakeFirst();
  }

  findByIds(ids: readonly string[], organizationId: OrganizationScope): Promise<UploadRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('uploads').select(COLUMNS).where('id', 'in', ids)
      .$if(organizationId !== undefined, (q) => q.where('organization_id', '=', organizationId!))
      .execute();
  }

  /** Inserts an upload with the uploads derived from it, all or none. */
  insertAll(rows: readonly NewUpload[]): Promise<UploadRow[]> {
    return this.db.insertInto('uploads').values([...rows]).returning(COLUMNS).execute();
  }
}
