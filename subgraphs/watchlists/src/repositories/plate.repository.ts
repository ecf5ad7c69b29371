import { type IdPage } from '@argus/core';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { PlateTable, WatchlistsDb } from '../db.js';
import { inScope, type Scope } from './scope.js';

export interface PlateRow {
  id: number;
  organization_id: number;
  number: string;
  number_normalized: string;
  owner_full_name: string | null;
  owner_document_number: string | null;
  /** YYYY-MM-DD */
  owner_birth_date: string | null;
  vehicle_manufacturer: string | null;
  vehicle_model: string | null;
  vehicle_type: string | null;
  /** YYYY-MM-DD */
  vehicle_manufacture_date: string | null;
  vehicle_color: string | null;
  vehicle_image_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ListedPlateRow = PlateRow & { plate_list_id: number };

const PLAIN = [
  'id',
  'organization_id',
  'number',
  'number_normalized',
  'owner_full_name',
  'owner_document_number',
  'vehicle_manufacturer',
  'vehicle_model',
  'vehicle_type',
  'vehicle_color',
  'vehicle_image_id',
  'created_at',
  'updated_at',
] as const;
const SELECTED = [
  ...PLAIN.map((c) => `plates.${c}` as const),
  sql<string | null>`to_char(plates.owner_birth_date, 'YYYY-MM-DD')`.as('owner_birth_date'),
  sql<string | null>`to_char(plates.vehicle_manufacture_date, 'YYYY-MM-DD')`.as('vehicle_manufacture_date'),
] as const;
const FIELDS = [...PLAIN, 'owner_birth_date', 'vehicle_manufacture_date'] as const;

export interface PlateFilter {
  /** the normalised number, matched exactly */
  readonly numberNormalized?: string;
  readonly organizationId?: number;
}

export class PlateRepository {
  constructor(private readonly db: WatchlistsDb) {}

  private select(scope: Scope) {
    return this.db.selectFrom('plates').select(SELECTED).where(inScope(scope, 'plates.organization_id'));
  }

  findById(id: number, scope: Scope = {}): Promise<PlateRow | undefined> {
    return this.select(scope).where('plates.id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly number[], scope: Scope = {}): Promise<PlateRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.select(scope).where('plates.id', 'in', ids).execute();
  }

  /** The organization's plate with that normalised number. */
  findByNumber(organizationId: number, numberNormalized: string): Promise<PlateRow | undefined> {
    return this.select({ organizationId }).where('plates.number_normalized', '=', numberNormalized).executeTakeFirst();
  }

  list(scope: Scope, filter: PlateFilter, page: IdPage): Promise<PlateRow[]> {
    let query = this.select(scope);
    if (filter.organizationId !== undefined) query = query.where('plates.organization_id', '=', filter.organizationId);
    if (filter.numberNormalized !== undefined)
      query = query.where('plates.number_normalized', '=', filter.numberNormalized);
    if (page.afterId !== undefined) query = query.where('plates.id', '>', page.afterId);
    return query
      .orderBy('plates.id')
      .limit(page.limit + 1)
      .execute();
  }

  /** A page of plates for each plate list, in one query (at most limit + 1 rows per list). */
  ofPlateLists(listIds: readonly number[], page: IdPage): Promise<ListedPlateRow[]> {
    if (listIds.length === 0) return Promise.resolve([]);
    const ranked = this.db
      .selectFrom('plates')
      .innerJoin('plate_list_plates', 'plate_list_plates.plate_id', 'plates.id')
      .select([
        ...SELECTED,
        'plate_list_plates.plate_list_id',
        sql<number>`row_number() over (partition by plate_list_plates.plate_list_id order by plates.id)`.as('rank'),
      ])
      .where('plate_list_plates.plate_list_id', 'in', listIds)
      .$if(page.afterId !== undefined, (q) => q.where('plates.id', '>', page.afterId!));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select([...FIELDS.map((c) => `ranked.${c}` as const), 'ranked.plate_list_id'])
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.plate_list_id')
      .orderBy('ranked.id')
      .execute();
  }

  async create(values: Insertable<PlateTable>): Promise<PlateRow> {
    const { id } = await this.db.insertInto('plates').values(values).returning('id').executeTakeFirstOrThrow();
    return (await this.findById(id))!;
  }

  async update(id: number, values: Updateable<PlateTable>): Promise<PlateRow | undefined> {
    await this.db
      .updateTable('plates')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return this.findById(id);
  }

  /** Deletes the plate and its list memberships. */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('plates').where('id', '=', id).execute();
  }
}
