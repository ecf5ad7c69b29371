import type { Insertable, Selectable } from 'kysely';
import type { MediaDb, UploadTable } from '../db.js';

export type UploadRow = Selectable<UploadTable>;
export type NewUpload = Insertable<UploadTable>;

const COLUMNS = [
  'id',
  'organization_id',
  'kind',
  'mime_type',
  'size',
  'sha256',
  'storage_key',
  'original_id',
  'meta',
  'created_by',
  'created_at',
] as const;

/** Limits reads to one organization; undefined means every organization (superusers, other parts). */
export type OrganizationScope = number | undefined;

/**
 * Kinds every organization's members may read once they know the id: avatars and logos show
 * wherever their user or organization does, and a superuser may give an organization a logo
 * uploaded in another one.
 */
const SHARED_KINDS = ['avatar', 'logo'] as const;

export class UploadRepository {
  constructor(private readonly db: MediaDb) {}

  /** With `shared`, uploads of the shared kinds count in every organization. */
  findById(id: string, organizationId: OrganizationScope, shared = false): Promise<UploadRow | undefined> {
    return this.db
      .selectFrom('uploads')
      .select(COLUMNS)
      .where('id', '=', id)
      .$if(organizationId !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb('organization_id', '=', organizationId!), ...(shared ? [eb('kind', 'in', SHARED_KINDS)] : [])]),
        ),
      )
      .executeTakeFirst();
  }

  /** With `shared`, uploads of the shared kinds count in every organization. */
  findByIds(ids: readonly string[], organizationId: OrganizationScope, shared = false): Promise<UploadRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('uploads')
      .select(COLUMNS)
      .where('id', 'in', ids)
      .$if(organizationId !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb('organization_id', '=', organizationId!), ...(shared ? [eb('kind', 'in', SHARED_KINDS)] : [])]),
        ),
      )
      .execute();
  }

  /** Inserts an upload with the uploads derived from it, all or none. */
  insertAll(rows: readonly NewUpload[]): Promise<UploadRow[]> {
    return this.db
      .insertInto('uploads')
      .values([...rows])
      .returning(COLUMNS)
      .execute();
  }
}
