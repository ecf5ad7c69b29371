import type { Insertable, Selectable, Updateable } from 'kysely';
import type { IdentityDb, RoleTable } from '../db.js';

export type RoleRow = Selectable<RoleTable>;
const COLUMNS = ['id', 'name', 'description', 'is_internal'] as const;

export class RoleRepository {
  constructor(private readonly db: IdentityDb) {}

  findById(id: number): Promise<RoleRow | undefined> {
    return this.db.selectFrom('roles').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly number[]): Promise<RoleRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('roles').select(COLUMNS).where('id', 'in', ids).execute();
  }

  findByName(name: string): Promise<RoleRow | undefined> {
    return this.db.selectFrom('roles').select(COLUMNS).where('name', '=', name).executeTakeFirst();
  }

  list(): Promise<RoleRow[]> {
    return this.db.selectFrom('roles').select(COLUMNS).orderBy('id').execute();
  }

  create(values: Insertable<RoleTable>): Promise<RoleRow> {
    return this.db.insertInto('roles').values(values).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  update(id: number, values: Updateable<RoleTable>): Promise<RoleRow | undefined> {
    return this.db.updateTable('roles').set(values).where('id', '=', id).returning(COLUMNS).executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('roles').where('id', '=', id).execute();
  }

  async countUsers(id: number): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('role_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async permissionsOf(roleId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('role_permissions')
      .select('permission')
      .where('role_id', '=', roleId)
      .orderBy('permission')
      .execute();
    return rows.map((r) => r.permission);
  }

  /** Adds a permission; false when the role already had it. */
  async grant(roleId: number, permission: string): Promise<boolean> {
    const result = await this.db
      .insertInto('role_permissions')
      .values({ role_id: roleId, permission })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async grantAll(roleId: number, permissions: readonly string[]): Promise<void> {
    if (permissions.length === 0) return;
    await this.db
      .insertInto('role_permissions')
      .values(permissions.map((permission) => ({ role_id: roleId, permission })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Removes a permission; false when the role did not have it. */
  async revoke(roleId: number, permission: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('role_permissions')
      .where('role_id', '=', roleId)
      .where('permission', '=', permission)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
