import { sql, type Kysely } from 'kysely';

/** Failed sign-in counters and locks, per account (e-mail) and per client address. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('identity')
    .createTable('login_throttles')
    .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lock_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema
    .withSchema('identity')
    .createIndex('login_throttles_last_failure_idx')
    .on('login_throttles')
    .column('last_failure_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('identity').dropTable('login_throttles').ifExists().execute();
}
