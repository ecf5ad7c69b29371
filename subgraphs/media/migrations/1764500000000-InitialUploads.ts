import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('media');

  await s
    .createTable('uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) =>
      c.notNull().check(sql`kind in ('avatar', 'face_image', 'vehicle_image', 'plan', 'camera_snapshot', 'logo')`),
    )
    .addColumn('mime_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(255)', (c) => c.notNull())
    .addColumn('original_id', 'uuid', (c) => c.references('media.uploads.id'))
    .addColumn('meta', 'jsonb')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('uploads_organization_idx').on('uploads').columns(['organization_id', 'created_at']).execute();
  await s
    .createIndex('uploads_original_idx')
    .on('uploads')
    .column('original_id')
    .where(sql.ref('original_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('media').dropTable('uploads').ifExists().execute();
}
