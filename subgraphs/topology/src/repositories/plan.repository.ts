import { escapeLike, type IdPage } from '@argus/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PlanTable, TopologyDb } from '../db.js';
import { inGroup, visibleRow, type Visibility } from './visibility.js';

export type PlanRow = Selectable<PlanTable>;

const COLUMNS = ['id', 'place_id', 'organization_id', 'name', 'image_id', 'created_at', 'updated_at'] as const;

export interface PlanFilter {
  readonly placeId?: number;
  readonly groupId?: number;
  readonly nameContains?: string;
}

export class PlanRepository {
  constructor(private readonly db: TopologyDb) {}

  findById(id: number, v: Visibility = {}): Promise<PlanRow | undefined> {
    return this.db
      .selectFrom('plans')
      .select(COLUMNS)
      .where('id', '=', id)
      .where(visibleRow(v, 'plans.organization_id', 'plans.place_id'))
      .executeTakeFirst();
  }

  findByIds(ids: readonly number[], v: Visibility = {}): Promise<PlanRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('plans')
      .select(COLUMNS)
      .where('id', 'in', ids)
      .where(visibleRow(v, 'plans.organization_id', 'plans.place_id'))
      .execute();
  }

  list(v: Visibility, filter: PlanFilter, page: IdPage): Promise<PlanRow[]> {
    let query = this.db
      .selectFrom('plans')
      .select(COLUMNS)
      .where(visibleRow(v, 'plans.organization_id', 'plans.place_id'));
    if (filter.placeId !== undefined) query = query.where('place_id', '=', filter.placeId);
    if (filter.groupId !== undefined) query = query.where(inGroup(filter.groupId, 'plans.place_id'));
    if (filter.nameContains !== undefined) query = query.where('name', 'ilike', `%${escapeLike(filter.nameContains)}%`);
    if (page.afterId !== undefined) query = query.where('id', '>', page.afterId);
    return query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  /** A page of plans for each place, in one query (at most limit + 1 rows per place). */
  ofPlaces(placeIds: readonly number[], v: Visibility, page: IdPage): Promise<PlanRow[]> {
    if (placeIds.length === 0) return Promise.resolve([]);
    const ranked = this.db
      .selectFrom('plans')
      .select([...COLUMNS, sql<number>`row_number() over (partition by plans.place_id order by plans.id)`.as('rank')])
      .where('place_id', 'in', placeIds)
      .where(visibleRow(v, 'plans.organization_id', 'plans.place_id'))
      .$if(page.afterId !== undefined, (q) => q.where('id', '>', page.afterId!));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select(COLUMNS.map((c) => `ranked.${c}` as const))
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.place_id')
      .orderBy('ranked.id')
      .execute();
  }

  create(values: Insertable<PlanTable>): Promise<PlanRow> {
    return this.db.insertInto('plans').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<PlanTable>): Promise<PlanRow | undefined> {
    return this.db
      .updateTable('plans')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('plans').where('id', '=', id).execute();
  }
}
