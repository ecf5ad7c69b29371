import { sql, type Kysely } from 'kysely';

/**
 * Recognition events, partitioned by capture time (RANGE on ts, one partition per UTC day, created
 * ahead by the service; retention drops whole partitions). `event_ids` is the unpartitioned
 * registry of ids: it makes a re-sent report a no-op and finds an event's partition by its id.
 *
 * The face descriptor is `vector(512)` with an HNSW index (cosine) where the database offers
 * pgvector, else `real[]` searched by an exact scan over the time window.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const available = await sql<{
    ok: number;
  }>`select 1 as ok from pg_available_extensions where name = 'vector'`.execute(db);
  const withVector = available.rows.length > 0;
  if (withVector) await sql`create extension if not exists vector`.execute(db);
  const descriptorType = withVector ? sql.raw('vector(512)') : sql.raw('real[]');

  await sql`
    create table media.event_ids (
      id uuid primary key,
      ts timestamptz not null,
      event_type text not null
    )`.execute(db);
  await sql`create index event_ids_ts_idx on media.event_ids (ts)`.execute(db);

  await sql`
    create table media.events (
      id uuid not null,
      event_type text not null check (event_type in ('face_recognition', 'plate_recognition', 'motion_detection', 'line_crossing')),
      camera_id uuid not null,
      organization_id integer not null,
      place_id integer,
      stream_server_id text not null,
      object_id text not null,
      event_action text not null,
      ts timestamptz not null,
      event_data jsonb not null,
      plate text,
      descriptor ${descriptorType},
      match_state text not null check (match_state in ('none', 'pending', 'done', 'failed')),
      match_data jsonb,
      max_priority smallint,
      match_attempts smallint not null default 0,
      next_match_at timestamptz,
      snapshot_size integer,
      received_at timestamptz not null default now(),
      primary key (id, ts)
    ) partition by range (ts)`.execute(db);
  await sql`create index events_organization_ts_idx on media.events (organization_id, ts, id)`.execute(db);
  await sql`create index events_camera_ts_idx on media.events (camera_id, ts, id)`.execute(db);
  await sql`create index events_place_ts_idx on media.events (place_id, ts, id)`.execute(db);
  await sql`create index events_plate_idx on media.events (plate, ts) where plate is not null`.execute(db);
  await sql`create index events_matched_idx on media.events (organization_id, ts, id) where max_priority is not null`.execute(
    db,
  );
  await sql`create index events_pending_idx on media.events (next_match_at) where match_state = 'pending'`.execute(db);
  if (withVector) {
    await sql`create index events_descriptor_hnsw_idx on media.events using hnsw (descriptor vector_cosine_ops)`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists media.events`.execute(db);
  await sql`drop table if exists media.event_ids`.execute(db);
}
