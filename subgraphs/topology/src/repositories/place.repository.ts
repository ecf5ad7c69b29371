import { escapeLike, type IdPage } from '@argus/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PlaceTable, TopologyDb } from '../db.js';
import { visibleRow, inGroup, type Visibility } from './visibility.js';

/** A place with the group it belongs to (a place is in one group at most). */
export type PlaceRow = Selectable<PlaceTable> & { group_id: number | null };

const COLUMNS = [
  'id',
  'organization_id',
  'name',
  'description',
  'latitude',
  'longitude',
  'created_at',
  'updated_at',
] as const;
const SELECTED = [...COLUMNS.map((c) => `places.${c}` as const), 'group_places.group_id'] as const;

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface PlaceFilter {
  readonly nameContains?: string;
  readonly withoutGroups?: boolean;
  readonly groupId?: number;
  /** places whose great-circle (haversine) distance from the point is at most `radius` metres */
  readonly near?: { readonly latitude: number; readonly longitude: number; readonly radius: number };
}

export class PlaceRepository {
  constructor(private readonly db: TopologyDb) {}

  private select() {
    return this.db.selectFrom('places').leftJoin('group_places', 'group_places.place_id', 'places.id').select(SELECTED);
  }

  findById(id: number, v: Visibility = {}): Promise<PlaceRow | undefined> {
    return this.select()
      .where('places.id', '=', id)
      .where(visibleRow(v, 'places.organization_id', 'places.id'))
      .executeTakeFirst();
  }

  findByIds(ids: readonly number[], v: Visibility = {}): Promise<PlaceRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.select()
      .where('places.id', 'in', ids)
      .where(visibleRow(v, 'places.organization_id', 'places.id'))
      .execute();
  }

  list(v: Visibility, filter: PlaceFilter, page: IdPage): Promise<PlaceRow[]> {
    let query = this.select().where(visibleRow(v, 'places.organization_id', 'places.id'));
    if (filter.nameContains !== undefined)
      query = query.where('places.name', 'ilike', `%${escapeLike(filter.nameContains)}%`);
    if (filter.withoutGroups) query = query.where('group_places.group_id', 'is', null);
    if (filter.groupId !== undefined) query = query.where(inGroup(filter.groupId, 'places.id'));
    if (filter.near) {
      const { latitude, longitude, radius } = filter.near;
      query = query
        .where('places.latitude', 'is not', null)
        .where('places.longitude', 'is not', null)
        .where(
          sql<number>`2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
          power(sin(radians(places.latitude - ${latitude}::float8) / 2), 2)
          + cos(radians(${latitude}::float8)) * cos(radians(places.latitude))
          * power(sin(radians(places.longitude - ${longitude}::float8) / 2), 2))))`,
          '<=',
          radius,
        );
    }
    if (page.afterId !== undefined) query = query.where('places.id', '>', page.afterId);
    return query
      .orderBy('places.id')
      .limit(page.limit + 1)
      .execute();
  }

  /** A page of places for each group, in one query (at most limit + 1 rows per group). */
  ofGroups(groupIds: readonly number[], v: Visibility, page: IdPage): Promise<PlaceRow[]> {
    if (groupIds.length === 0) return Promise.resolve([]);
    const ranked = this.db
      .selectFrom('places')
      .innerJoin('group_places', 'group_places.place_id', 'places.id')
      .select([
        ...SELECTED,
        sql<number>`row_number() over (partition by group_places.group_id order by places.id)`.as('rank'),
      ])
      .where('group_places.group_id', 'in', groupIds)
      .where(visibleRow(v, 'places.organization_id', 'places.id'))
      .$if(page.afterId !== undefined, (q) => q.where('places.id', '>', page.afterId!));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select([...COLUMNS.map((c) => `ranked.${c}` as const), 'ranked.group_id'])
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.group_id')
      .orderBy('ranked.id')
      .execute() as Promise<PlaceRow[]>;
  }

  /** Visible places of each group (groups without any are absent). */
  async countsOfGroups(groupIds: readonly number[], v: Visibility): Promise<Map<number, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('group_places')
      .innerJoin('places', 'places.id', 'group_places.place_id')
      .select(['group_places.group_id', (e) => e.fn.countAll<number>().as('n')])
      .where('group_places.group_id', 'in', groupIds)
      .where(visibleRow(v, 'places.organization_id', 'places.id'))
      .groupBy('group_places.group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  }

  async create(values: Insertable<PlaceTable>): Promise<PlaceRow> {
    const row = await this.db.insertInto('places').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
    return { ...row, group_id: null };
  }

  async update(id: number, values: Updateable<PlaceTable>): Promise<PlaceRow | undefined> {
    await this.db
      .updateTable('places')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return this.findById(id);
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('places').where('id', '=', id).execute();
  }

  /** Plans of each place (places without plans are absent). */
  async planCounts(placeIds: readonly number[]): Promise<Map<number, number>> {
    if (placeIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('plans')
      .select(['place_id', (e) => e.fn.countAll<number>().as('n')])
      .where('place_id', 'in', placeIds)
      .groupBy('place_id')
      .execute();
    return new Map(rows.map((r) => [r.place_id, Number(r.n)]));
  }

  /** Cameras of each place (places without cameras are absent). */
  async cameraCounts(placeIds: readonly number[]): Promise<Map<number, number>> {
    if (placeIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('cameras')
      .select(['place_id', (e) => e.fn.countAll<number>().as('n')])
      .where('place_id', 'in', placeIds)
      .groupBy('place_id')
      .execute();
    return new Map(rows.map((r) => [r.place_id, Number(r.n)]));
  }
}
