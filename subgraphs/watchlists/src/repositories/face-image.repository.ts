import { type IdPage } from '@argus/core';
import { sql, type Selectable } from 'kysely';
import type { FaceImageTable, WatchlistsDb } from '../db.js';

export type FaceImageRow = Selectable<FaceImageTable>;

const COLUMNS = ['id', 'face_id', 'upload_id', 'created_at'] as const;

/** Uploads attached to faces as their images (an upload to one face at most). */
export class FaceImageRepository {
  constructor(private readonly db: WatchlistsDb) {}

  /** A page of images for each face, oldest attachment first, in one query (at most limit + 1 rows per face). */
  ofFaces(faceIds: readonly number[], page: IdPage): Promise<FaceImageRow[]> {
    if (faceIds.length === 0) return Promise.resolve([]);
    const ranked = this.db
      .selectFrom('face_images')
      .select([
        ...COLUMNS,
        sql<number>`row_number() over (partition by face_images.face_id order by face_images.id)`.as('rank'),
      ])
      .where('face_id', 'in', faceIds)
      .$if(page.afterId !== undefined, (q) => q.where('id', '>', page.afterId!));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select(COLUMNS.map((c) => `ranked.${c}` as const))
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.face_id')
      .orderBy('ranked.id')
      .execute();
  }

  /** Uploads among `uploadIds` already attached to any face. */
  async attached(uploadIds: readonly string[]): Promise<string[]> {
    if (uploadIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('face_images')
      .select('upload_id')
      .where('upload_id', 'in', uploadIds)
      .orderBy('upload_id')
      .execute();
    return rows.map((r) => r.upload_id);
  }

  async add(faceId: number, uploadIds: readonly string[]): Promise<void> {
    if (uploadIds.length === 0) return;
    await this.db
      .insertInto('face_images')
      .values(uploadIds.map((upload_id) => ({ face_id: faceId, upload_id })))
      .execute();
  }

  /** Detaches the given uploads from the face; returns those that were attached to it. */
  async remove(faceId: number, uploadIds: readonly string[]): Promise<string[]> {
    if (uploadIds.length === 0) return [];
    const rows = await this.db
      .deleteFrom('face_images')
      .where('face_id', '=', faceId)
      .where('upload_id', 'in', uploadIds)
      .returning('upload_id')
      .execute();
    return rows.map((r) => r.upload_id).sort();
  }
}
