import { type IdPage } from '@argus/core';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { WatchlistTable, WatchlistsDb } from '../db.js';
import type { WatchlistFilter } from './face-list.repository.js';
import { inScope, type Scope } from './scope.js';

export type PlateListRow = Selectable<WatchlistTable>;

const COLUMNS = ['id', 'organization_id', 'name', 'description', 'priority', 'created_at', 'updated_at'] as const;

/** Plate lists and which plates are in them. */
export class PlateListRepository {
  constructor(private readonly db: WatchlistsDb) {}

  findById(id: number, scope: Scope = {}): Promise<PlateListRow | undefined> {
    return this.db
      .selectFrom('plate_lists')
      .select(COLUMNS)
      .where('id', '=', id)
      .where(inScope(scope, 'plate_lists.organization_id'))
      .executeTakeFirst();
  }

  findByIds(ids: readonly number[], scope: Scope = {}): Promise<PlateListRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('plate_lists')
      .select(COLUMNS)
      .where('id', 'in', ids)
      .where(inScope(scope, 'plate_lists.organization_id'))
      .execute();
  }

  /** The organization's list of that exact name. */
  findByName(organizationId: number, name: string): Promise<PlateListRow | undefined> {
    return this.db
      .selectFrom('plate_lists')
      .select(COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  list(scope: Scope, filter: WatchlistFilter, page: IdPage): Promise<PlateListRow[]> {
    let query = this.db.selectFrom('plate_lists').select(COLUMNS).where(inScope(scope, 'plate_lists.organization_id'));
    if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (page.afterId !== undefined) query = query.where('id', '>', page.afterId);
    return query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  create(values: Insertable<WatchlistTable>): Promise<PlateListRow> {
    return this.db.insertInto('plate_lists').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<WatchlistTable>): Promise<PlateListRow | undefined> {
    return this.db
      .updateTable('plate_lists')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('plate_lists').where('id', '=', id).execute();
  }

  /** Plates of each list (lists without plates are absent). */
  async plateCounts(listIds: readonly number[]): Promise<Map<number, number>> {
    if (listIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('plate_list_plates')
      .select(['plate_list_id', (e) => e.fn.countAll<number>().as('n')])
      .where('plate_list_id', 'in', listIds)
      .groupBy('plate_list_id')
      .execute();
    return new Map(rows.map((r) => [r.plate_list_id, Number(r.n)]));
  }

  async hasPlate(listId: number, plateId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('plate_list_plates')
      .select('plate_id')
      .where('plate_list_id', '=', listId)
      .where('plate_id', '=', plateId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addPlate(listId: number, plateId: number): Promise<void> {
    await this.db.insertInto('plate_list_plates').values({ plate_list_id: listId, plate_id: plateId }).execute();
  }

  /** Takes the plate out of the list; false when it was not in it. */
  async removePlate(listId: number, plateId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('plate_list_plates')
      .where('plate_list_id', '=', listId)
      .where('plate_id', '=', plateId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
