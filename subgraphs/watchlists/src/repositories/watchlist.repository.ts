import { type IdPage } from '@argus/core';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { WatchlistTable, WatchlistsDb } from '../db.js';
import { inScope, type Scope } from './scope.js';

export type WatchlistRow = Selectable<WatchlistTable>;

const COLUMNS = ['id', 'organization_id', 'name', 'description', 'priority', 'created_at', 'updated_at'] as const;

export interface WatchlistFilter {
  /** exact name */
  readonly name?: string;
  readonly organizationId?: number;
}

/** Where one kind of watchlist is kept: its table and the table of its members. */
export interface WatchlistTables {
  readonly lists: 'face_lists' | 'plate_lists';
  readonly members: 'face_list_faces' | 'plate_list_plates';
  /** the members table's column naming the list */
  readonly listColumn: 'face_list_id' | 'plate_list_id';
  /** the members table's column naming the member (face or plate) */
  readonly memberColumn: 'face_id' | 'plate_id';
}

export const FACE_LIST_TABLES: WatchlistTables = {
  lists: 'face_lists',
  members: 'face_list_faces',
  listColumn: 'face_list_id',
  memberColumn: 'face_id',
};

export const PLATE_LIST_TABLES: WatchlistTables = {
  lists: 'plate_lists',
  members: 'plate_list_plates',
  listColumn: 'plate_list_id',
  memberColumn: 'plate_id',
};

/** The members tables seen through their two columns, whatever they are called. */
type MembersDb = Record<string, Record<string, number>>;

/** Watchlists of one kind (face lists or plate lists) and which faces or plates are in them. */
export class WatchlistRepository {
  private readonly members: Kysely<MembersDb>;

  constructor(
    private readonly db: WatchlistsDb,
    private readonly tables: WatchlistTables,
  ) {
    this.members = db as unknown as Kysely<MembersDb>;
  }

  findById(id: number, scope: Scope = {}): Promise<WatchlistRow | undefined> {
    return this.db
      .selectFrom(this.tables.lists)
      .select(COLUMNS)
      .where('id', '=', id)
      .where(inScope(scope, 'organization_id'))
      .executeTakeFirst();
  }

  findByIds(ids: readonly number[], scope: Scope = {}): Promise<WatchlistRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom(this.tables.lists)
      .select(COLUMNS)
      .where('id', 'in', ids)
      .where(inScope(scope, 'organization_id'))
      .execute();
  }

  /** The organization's list of that exact name. */
  findByName(organizationId: number, name: string): Promise<WatchlistRow | undefined> {
    return this.db
      .selectFrom(this.tables.lists)
      .select(COLUMNS)
      .where('organization_id', '=', organizationId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  list(scope: Scope, filter: WatchlistFilter, page: IdPage): Promise<WatchlistRow[]> {
    let query = this.db.selectFrom(this.tables.lists).select(COLUMNS).where(inScope(scope, 'organization_id'));
    if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (page.afterId !== undefined) query = query.where('id', '>', page.afterId);
    return query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  create(values: Insertable<WatchlistTable>): Promise<WatchlistRow> {
    return this.db.insertInto(this.tables.lists).values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<WatchlistTable>): Promise<WatchlistRow | undefined> {
    return this.db
      .updateTable(this.tables.lists)
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom(this.tables.lists).where('id', '=', id).execute();
  }

  /** Members of each list (lists without members are absent). */
  async memberCounts(listIds: readonly number[]): Promise<Map<number, number>> {
    if (listIds.length === 0) return new Map();
    const { members, listColumn } = this.tables;
    const rows = await this.members
      .selectFrom(members)
      .select([listColumn, (e) => e.fn.countAll<number>().as('n')])
      .where(listColumn, 'in', listIds)
      .groupBy(listColumn)
      .execute();
    return new Map(rows.map((r) => [Number(r[listColumn]), Number(r.n)]));
  }

  async hasMember(listId: number, memberId: number): Promise<boolean> {
    const { members, listColumn, memberColumn } = this.tables;
    const row = await this.members
      .selectFrom(members)
      .select(memberColumn)
      .where(listColumn, '=', listId)
      .where(memberColumn, '=', memberId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addMember(listId: number, memberId: number): Promise<void> {
    const { members, listColumn, memberColumn } = this.tables;
    await this.members
      .insertInto(members)
      .values({ [listColumn]: listId, [memberColumn]: memberId })
      .execute();
  }

  /** Takes the member out of the list; false when it was not in it. */
  async removeMember(listId: number, memberId: number): Promise<boolean> {
    const { members, listColumn, memberColumn } = this.tables;
    const result = await this.members
      .deleteFrom(members)
      .where(listColumn, '=', listId)
      .where(memberColumn, '=', memberId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
