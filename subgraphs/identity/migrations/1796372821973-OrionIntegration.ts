import { sql, type Kysely } from 'kysely';

/** One Orion integration per organization; the password is stored sealed (AES-256-GCM), never in clear. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('identity')
    .createTable('orion_integrations')
    .addColumn('organization_id', 'integer', (c) =>
      c.primaryKey().references('identity.organizations.id').onDelete('cascade'),
    )
    .addColumn('wsdl_url', 'varchar(512)', (c) => c.notNull())
    .addColumn('login', 'varchar(255)')
    .addColumn('password_sealed', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('identity').dropTable('orion_integrations').execute();
}
