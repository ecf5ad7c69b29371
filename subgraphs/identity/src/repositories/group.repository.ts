import { escapeLike, type IdPage } from '@argus/core';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { GroupTable, IdentityDb } from '../db.js';

export type GroupRow = Selectable<GroupTable>;
const COLUMNS = ['id', 'organization_id', 'name', 'description', 'is_internal', 'created_at'] as const;

export class GroupRepository {
  constructor(private readonly db: IdentityDb) {}

  findById(id: number): Promise<GroupRow | undefined> {
    return this.db.selectFrom('groups').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly number[]): Promise<GroupRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('groups').select(COLUMNS).where('id', 'in', ids).execute();
  }

  list(page: IdPage, filter: { organizationId?: number; nameContains?: string }): Promise<GroupRow[]> {
    let query = this.db.selectFrom('groups').select(COLUMNS);
    if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
    if (filter.nameContains !== undefined) query = query.where('name', 'ilike', `%${escapeLike(filter.nameContains)}%`);
    if (page.afterId !== undefined) query = query.where('id', '>', page.afterId);
    return query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  create(values: Insertable<GroupTable>): Promise<GroupRow> {
    return this.db.insertInto('groups').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<GroupTable>): Promise<GroupRow | undefined> {
    return this.db.updateTable('groups').set(values).where('id', '=', id).returning(COLUMNS).executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('groups').where('id', '=', id).execute();
  }

  /** Member counts by group id (groups without members are absent). */
  async memberCounts(groupIds: readonly number[]): Promise<Map<number, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('group_members')
      .select(['group_id', (e) => e.fn.countAll<number>().as('n')])
      .where('group_id', 'in', groupIds)
      .groupBy('group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  }

  /** Group of each user (a user has at most one). */
  async groupsOfUsers(userIds: readonly number[]): Promise<Map<number, GroupRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('group_members')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .select(['group_members.user_id', ...COLUMNS.map((c) => `groups.${c}` as const)])
      .where('group_members.user_id', 'in', userIds)
      .execute();
    return new Map(rows.map(({ user_id, ...group }) => [user_id, group]));
  }

  /** Users among `userIds` that already belong to a group. */
  async usersInAnyGroup(userIds: readonly number[]): Promise<number[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.selectFrom('group_members').select('user_id').where('user_id', 'in', userIds).execute();
    return rows.map((r) => r.user_id);
  }

  async addMembers(groupId: number, userIds: readonly number[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .insertInto('group_members')
      .values(userIds.map((user_id) => ({ user_id, group_id: groupId })))
      .execute();
  }

  /** Removes the given users from the group; returns those that were members. */
  async removeMembers(groupId: number, userIds: readonly number[]): Promise<number[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .where('user_id', 'in', userIds)
      .returning('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Puts a user in exactly this group (or none). */
  async setUserGroup(userId: number, groupId: number | undefined): Promise<void> {
    await this.db.deleteFrom('group_members').where('user_id', '=', userId).execute();
    if (groupId !== undefined)
      await this.db.insertInto('group_members').values({ user_id: userId, group_id: groupId }).execute();
  }
}
