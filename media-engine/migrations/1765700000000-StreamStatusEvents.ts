import { sql, type Kysely } from 'kysely';

/** Each camera's online/offline transitions, written by the stream server that ingests it. */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('streaming');

  // No foreign key: cameras live in topology, servers come and go.
  await s
    .createTable('stream_status_events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('camera_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('online', 'offline')`))
    .addColumn('reason', 'varchar(64)')
    .addColumn('detail', 'text')
    .addColumn('streamserver_id', 'varchar(128)')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s
    .createIndex('stream_status_events_camera_idx')
    .on('stream_status_events')
    .columns(['camera_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('streaming').dropTable('stream_status_events').ifExists().execute();
}
