import { escapeLike, type IdPage } from '@argus/core';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { FaceTable, Sex, WatchlistsDb } from '../db.js';
import { inScope, type Scope } from './scope.js';

export interface FaceRow {
  id: number;
  organization_id: number;
  full_name: string | null;
  sex: Sex | null;
  /** YYYY-MM-DD */
  birth_date: string | null;
  document_number: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ListedFaceRow = FaceRow & { face_list_id: number };

const PLAIN = ['id', 'organization_id', 'full_name', 'sex', 'document_number', 'created_at', 'updated_at'] as const;
const SELECTED = [
  ...PLAIN.map((c) => `faces.${c}` as const),
  sql<string | null>`to_char(faces.birth_date, 'YYYY-MM-DD')`.as('birth_date'),
] as const;
const FIELDS = [...PLAIN, 'birth_date'] as const;

export interface FaceFilter {
  readonly fullNameContains?: string;
  readonly organizationId?: number;
}

export class FaceRepository {
  constructor(private readonly db: WatchlistsDb) {}

  private select(scope: Scope) {
    return this.db.selectFrom('faces').select(SELECTED).where(inScope(scope, 'faces.organization_id'));
  }

  findById(id: number, scope: Scope = {}): Promise<FaceRow | undefined> {
    return this.select(scope).where('faces.id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly number[], scope: Scope = {}): Promise<FaceRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.select(scope).where('faces.id', 'in', ids).execute();
  }

  list(scope: Scope, filter: FaceFilter, page: IdPage): Promise<FaceRow[]> {
    let query = this.select(scope);
    if (filter.organizationId !== undefined) query = query.where('faces.organization_id', '=', filter.organizationId);
    if (filter.fullNameContains !== undefined)
      query = query.where('faces.full_name', 'ilike', `%${escapeLike(filter.fullNameContains)}%`);
    if (page.afterId !== undefined) query = query.where('faces.id', '>', page.afterId);
    return query
      .orderBy('faces.id')
      .limit(page.limit + 1)
      .execute();
  }

  /** A page of faces for each face list, in one query (at most limit + 1 rows per list). */
  ofFaceLists(listIds: readonly number[], page: IdPage): Promise<ListedFaceRow[]> {
    if (listIds.length === 0) return Promise.resolve([]);
    const ranked = this.db
      .selectFrom('faces')
      .innerJoin('face_list_faces', 'face_list_faces.face_id', 'faces.id')
      .select([
        ...SELECTED,
        'face_list_faces.face_list_id',
        sql<number>`row_number() over (partition by face_list_faces.face_list_id order by faces.id)`.as('rank'),
      ])
      .where('face_list_faces.face_list_id', 'in', listIds)
      .$if(page.afterId !== undefined, (q) => q.where('faces.id', '>', page.afterId!));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select([...FIELDS.map((c) => `ranked.${c}` as const), 'ranked.face_list_id'])
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.face_list_id')
      .orderBy('ranked.id')
      .execute();
  }

  async create(values: Insertable<FaceTable>): Promise<FaceRow> {
    const { id } = await this.db.insertInto('faces').values(values).returning('id').executeTakeFirstOrThrow();
    return (await this.findById(id))!;
  }

  async update(id: number, values: Updateable<FaceTable>): Promise<FaceRow | undefined> {
    await this.db
      .updateTable('faces')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return this.findById(id);
  }

  /** Deletes the face with its images and list memberships. */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('faces').where('id', '=', id).execute();
  }
}
