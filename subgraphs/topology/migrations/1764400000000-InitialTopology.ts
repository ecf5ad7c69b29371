import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('topology');

  await s
    .createTable('places')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(2048)')
    .addColumn('latitude', 'double precision', (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'double precision', (c) => c.check(sql`longitude between -180 and 180`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('places_organization_idx').on('places').columns(['organization_id', 'id']).execute();

  // A place belongs to at most one group: place_id is the key. Groups live in the identity part.
  await s
    .createTable('group_places')
    .addColumn('place_id', 'integer', (c) => c.primaryKey().references('topology.places.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('group_places_group_idx').on('group_places').columns(['group_id', 'place_id']).execute();

  await s
    .createTable('plans')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('place_id', 'integer', (c) => c.notNull().references('topology.places.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('image_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('plans_place_idx').on('plans').columns(['place_id', 'id']).execute();
  await s.createIndex('plans_organization_idx').on('plans').columns(['organization_id', 'id']).execute();

  await s
    .createTable('cameras')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('place_id', 'integer', (c) => c.notNull().references('topology.places.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('source', 'jsonb', (c) => c.notNull())
    .addColumn('video_analytics', 'jsonb')
    .addColumn('video_storage', 'jsonb')
    .addColumn('video_streaming', 'jsonb')
    .addColumn('ptz', 'jsonb')
    .addColumn('onvif_host', 'varchar(255)')
    .addColumn('onvif_port', 'integer')
    .addColumn('onvif_login', 'varchar(255)')
    .addColumn('onvif_password', 'varchar(255)')
    .addColumn('scheduler_group', 'varchar(64)')
    .addColumn('scheduler_tags', sql`text[]`)
    .addColumn('snapshot_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('cameras_place_idx').on('cameras').columns(['place_id', 'created_at', 'id']).execute();
  await s
    .createIndex('cameras_organization_idx')
    .on('cameras')
    .columns(['organization_id', 'created_at', 'id'])
    .execute();

  // A camera is on at most one plan: camera_id is the key. Positions are fractions of the plan image.
  await s
    .createTable('plan_cameras')
    .addColumn('camera_id', 'uuid', (c) => c.primaryKey().references('topology.cameras.id').onDelete('cascade'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('topology.plans.id'))
    .addColumn('x', 'double precision', (c) => c.check(sql`x between 0 and 1`))
    .addColumn('y', 'double precision', (c) => c.check(sql`y between 0 and 1`))
    .execute();
  await s.createIndex('plan_cameras_plan_idx').on('plan_cameras').columns(['plan_id', 'camera_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['plan_cameras', 'cameras', 'plans', 'group_places', 'places']) {
    await db.schema.withSchema('topology').dropTable(table).ifExists().execute();
  }
}
