import { escapeLike, type IdPage } from '@argus/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { IdentityDb, UserTable } from '../db.js';

export type UserRow = Omit<Selectable<UserTable>, 'password_hash'>;
export type UserWithHash = Selectable<UserTable>;

const COLUMNS = [
  'id',
  'organization_id',
  'role_id',
  'email',
  'first_name',
  'last_name',
  'avatar_id',
  'is_superuser',
  'created_at',
  'updated_at',
] as const;

/** A user's columns (no password hash), qualified for statements that join users with other tables. */
export const USER_COLUMNS = COLUMNS.map((column) => `users.${column}` as const);

export interface UserFilter {
  /** confine to one organization (everyone but superusers) */
  readonly organizationId?: number;
  readonly withoutGroups?: boolean;
  readonly groupId?: number;
  readonly roleId?: number;
  /** email, "first last" or "last first", case-insensitive inclusion */
  readonly query?: string;
}

export class UserRepository {
  constructor(private readonly db: IdentityDb) {}

  findById(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly number[]): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('users').select(COLUMNS).where('id', 'in', ids).execute();
  }

  /** With the password hash: only for verifying a password. */
  findWithHashByEmail(email: string): Promise<UserWithHash | undefined> {
    return this.db
      .selectFrom('users')
      .select([...COLUMNS, 'password_hash'])
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
  }

  findWithHashById(id: number): Promise<UserWithHash | undefined> {
    return this.db
      .selectFrom('users')
      .select([...COLUMNS, 'password_hash'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Compares as emails are stored: trimmed, case-insensitive. */
  async emailTaken(email: string, exceptUserId?: number): Promise<boolean> {
    let query = this.db
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', email.trim().toLowerCase());
    if (exceptUserId !== undefined) query = query.where('id', '!=', exceptUserId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  list(page: IdPage, filter: UserFilter): Promise<UserRow[]> {
    let query = this.db.selectFrom('users').select(USER_COLUMNS);
    if (filter.organizationId !== undefined) query = query.where('users.organization_id', '=', filter.organizationId);
    if (filter.roleId !== undefined) query = query.where('users.role_id', '=', filter.roleId);
    if (filter.groupId !== undefined) {
      query = query
        .innerJoin('group_members', 'group_members.user_id', 'users.id')
        .where('group_members.group_id', '=', filter.groupId);
    }
    if (filter.withoutGroups) {
      query = query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('group_members')
              .select('group_members.user_id')
              .whereRef('group_members.user_id', '=', 'users.id'),
          ),
        ),
      );
    }
    if (filter.query !== undefined) {
      const pattern = `%${escapeLike(filter.query.trim())}%`;
      query = query.where((eb) =>
        eb.or([
          eb('users.email', 'ilike', pattern),
          eb(sql`users.first_name || ' ' || users.last_name`, 'ilike', pattern),
          eb(sql`users.last_name || ' ' || users.first_name`, 'ilike', pattern),
        ]),
      );
    }
    if (page.afterId !== undefined) query = query.where('users.id', '>', page.afterId);
    return query
      .orderBy('users.id')
      .limit(page.limit + 1)
      .execute();
  }

  create(values: Insertable<UserTable>): Promise<UserRow> {
    return this.db.insertInto('users').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<UserTable>): Promise<UserRow | undefined> {
    return this.db
      .updateTable('users')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
