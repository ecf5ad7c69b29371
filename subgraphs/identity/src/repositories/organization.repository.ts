import { type IdPage, escapeLike } from '@argus/core';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { IdentityDb, OrganizationTable } from '../db.js';

export type OrganizationRow = Selectable<OrganizationTable>;
const COLUMNS = ['id', 'name', 'description', 'logo_id', 'is_internal', 'created_at'] as const;

export class OrganizationRepository {
  constructor(private readonly db: IdentityDb) {}

  findById(id: number): Promise<OrganizationRow | undefined> {
    return this.db.selectFrom('organizations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly number[]): Promise<OrganizationRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('organizations').select(COLUMNS).where('id', 'in', ids).execute();
  }

  /** Organizations by id; `onlyId` confines the list to one organization. */
  list(page: IdPage, filter: { onlyId?: number; nameContains?: string } = {}): Promise<OrganizationRow[]> {
    let query = this.db.selectFrom('organizations').select(COLUMNS);
    if (filter.onlyId !== undefined) query = query.where('id', '=', filter.onlyId);
    if (filter.nameContains !== undefined) query = query.where('name', 'ilike', `%${escapeLike(filter.nameContains)}%`);
    if (page.afterId !== undefined) query = query.where('id', '>', page.afterId);
    return query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  create(values: Insertable<OrganizationTable>): Promise<OrganizationRow> {
    return this.db.insertInto('organizations').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<OrganizationTable>): Promise<OrganizationRow | undefined> {
    return this.db.updateTable('organizations').set(values).where('id', '=', id).returning(COLUMNS).executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('organizations').where('id', '=', id).execute();
  }

  async countMembersAndGroups(id: number): Promise<{ users: number; groups: number }> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('users')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('organization_id', '=', id)
          .as('users'),
        eb
          .selectFrom('groups')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('organization_id', '=', id)
          .as('groups'),
      ])
      .executeTakeFirstOrThrow();
    return { users: Number(row.users), groups: Number(row.groups) };
  }

  /** The internal organization the first superuser belongs to, if created. */
  findInternal(): Promise<OrganizationRow | undefined> {
    return this.db
      .selectFrom('organizations')
      .select(COLUMNS)
      .where('is_internal', '=', true)
      .orderBy('id')
      .executeTakeFirst();
  }
}
