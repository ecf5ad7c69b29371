import { sql, type Kysely } from 'kysely';

/** Video clips (REST 27.x): one row per requested clip; the job that cuts it is in pg-boss's schema. */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('streaming');

  await s
    .createTable('video_clips')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('camera_id', 'uuid', (c) => c.notNull())
    // the camera's name when the clip was asked for (REST camera_name)
    .addColumn('camera_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('range_start', 'timestamptz', (c) => c.notNull())
    .addColumn('range_end', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'failed', 'aborted', 'done')`),
    )
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    // the pg-boss job that cuts it
    .addColumn('job_id', 'uuid')
    // the stream server running (or that ran) the job, and its last sign of life while running
    .addColumn('streamserver_id', 'varchar(128)')
    .addColumn('heartbeat_at', 'timestamptz')
    // where that stream server serves its clips (base URL) and the file, relative to its clips folder
    .addColumn('served_from', 'varchar(1024)')
    .addColumn('result_path', 'varchar(1024)')
    .addColumn('size_bytes', 'bigint')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('video_clips_range_check', sql`range_end > range_start`)
    .addCheckConstraint('video_clips_progress_check', sql`progress >= 0 and progress <= 1`)
    .execute();
  await s
    .createIndex('video_clips_org_created_idx')
    .on('video_clips')
    .columns(['organization_id', 'created_at'])
    .execute();
  await s.createIndex('video_clips_camera_status_idx').on('video_clips').columns(['camera_id', 'status']).execute();
  await s
    .createIndex('video_clips_user_unfinished_idx')
    .on('video_clips')
    .column('user_id')
    .where(sql.ref('status'), 'in', ['queued', 'running'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('streaming').dropTable('video_clips').ifExists().execute();
}
