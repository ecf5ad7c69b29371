import { sql, type Kysely } from 'kysely';

/** Stream servers (media-engine processes) and which one ingests which camera. */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('streaming');

  await s
    .createTable('stream_servers')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('group', 'varchar(64)')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('host', 'varchar(255)')
    // how long after its last heartbeat the server counts as gone (its own setting)
    .addColumn('ttl_ms', 'integer', (c) => c.notNull().check(sql`ttl_ms > 0`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('stream_servers_heartbeat_idx').on('stream_servers').column('heartbeat_at').execute();

  // No foreign key to stream_servers: a lease outlives a crashed server until it expires.
  await s
    .createTable('camera_leases')
    .addColumn('camera_id', 'uuid', (c) => c.primaryKey())
    .addColumn('streamserver_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('acquired_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('camera_leases_streamserver_idx').on('camera_leases').column('streamserver_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('streaming').dropTable('camera_leases').ifExists().execute();
  await db.schema.withSchema('streaming').dropTable('stream_servers').ifExists().execute();
}
