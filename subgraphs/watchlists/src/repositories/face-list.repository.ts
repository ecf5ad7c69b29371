import { type IdPage } from '@argus/core';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { WatchlistTable, WatchlistsDb } from '../db.js';
import { inScope, type Scope } from './scope.js';

export type FaceListRow = Selectable<WatchlistTable>;

const COLUMNS = ['id', 'organization_id', 'name', 'description', 'priority', 'created_at', 'updated_at'] as const;

export interface WatchlistFilter {
  /** exact name */
  readonly name?: string;
  readonly organizationId?: number;
}

/** Face lists and which faces are in them. */
export class FaceListRepository {
  constructor(private readonly db: WatchlistsDb) {}

  findById(id: number, scope: Scope = {}): Promise<FaceListRow | undefined> {
    return this.db
      .selectFrom('face_lists')
      .select(COLUMNS)
      .where('id', '=', id)
      .where(inScope(scope, 'face_lists.organization_id'))
      .executeTakeFirst();
  }

  findByIds(ids: readonly number[], scope: Scope = {}): Promise<FaceListRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('face_lists')
      .select(COLUMNS)
      .where('id', 'in', ids)
      .where(inScope(scope, 'face_lists.organization_id'))
      .execute();
  }

  /** The organization's list of that exact name. */
  findByName(organizationId: number, name: string): Promise<FaceListRow | undefined> {
    return this.db
      .selectFrom('face_lists')
      .select(COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  list(scope: Scope, filter: WatchlistFilter, page: IdPage): Promise<FaceListRow[]> {
    let query = this.db.selectFrom('face_lists').select(COLUMNS).where(inScope(scope, 'face_lists.organization_id'));
    if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (page.afterId !== undefined) query = query.where('id', '>', page.afterId);
    return query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  create(values: Insertable<WatchlistTable>): Promise<FaceListRow> {
    return this.db.insertInto('face_lists').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<WatchlistTable>): Promise<FaceListRow | undefined> {
    return this.db
      .updateTable('face_lists')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('face_lists').where('id', '=', id).execute();
  }

  /** Faces of each list (lists without faces are absent). */
  async faceCounts(listIds: readonly number[]): Promise<Map<number, number>> {
    if (listIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('face_list_faces')
      .select(['face_list_id', (e) => e.fn.countAll<number>().as('n')])
      .where('face_list_id', 'in', listIds)
      .groupBy('face_list_id')
      .execute();
    return new Map(rows.map((r) => [r.face_list_id, Number(r.n)]));
  }

  async hasFace(listId: number, faceId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('face_list_faces')
      .select('face_id')
      .where('face_list_id', '=', listId)
      .where('face_id', '=', faceId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addFace(listId: number, faceId: number): Promise<void> {
    await this.db.insertInto('face_list_faces').values({ face_list_id: listId, face_id: faceId }).execute();
  }

  /** Takes the face out of the list; false when it was not in it. */
  async removeFace(listId: number, faceId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('face_list_faces')
      .where('face_list_id', '=', listId)
      .where('face_id', '=', faceId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
