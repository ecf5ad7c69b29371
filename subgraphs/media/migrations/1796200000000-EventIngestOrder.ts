import { sql, type Kysely } from 'kysely';

/**
 * The order in which events (and their matches) were stored, for live subscribers that resume:
 * `created_seq` is numbered from `media.event_seq` in the last statement of the event's insert,
 * `matched_seq` when its matches are saved (events that matched a watchlist). Capture time
 * cannot serve: an event reported late carries an older capture time than events already
 * delivered. Rows stored before this migration are numbered in capture-time order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence media.event_seq as bigint`.execute(db);
  await sql`alter table media.event_ids add column created_seq bigint, add column matched_seq bigint`.execute(db);
  await sql`
    update media.event_ids i set created_seq = numbered.seq
    from (select id, nextval('media.event_seq') as seq from (select id from media.event_ids order by ts, id) o) numbered
    where i.id = numbered.id`.execute(db);
  await sql`
    update media.event_ids i set matched_seq = nextval('media.event_seq')
    from media.events e where e.id = i.id and e.ts = i.ts and e.max_priority is not null`.execute(db);
  await sql`create unique index event_ids_created_seq_idx on media.event_ids (created_seq)`.execute(db);
  await sql`create unique index event_ids_matched_seq_idx on media.event_ids (matched_seq) where matched_seq is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table media.event_ids drop column if exists created_seq, drop column if exists matched_seq`.execute(
    db,
  );
  await sql`drop sequence if exists media.event_seq`.execute(db);
}
