import { sql, type Kysely } from 'kysely';
import type { MediaDb } from '../db.js';
import type { EventView, MatchEntry, MatchState, RecognitionEventType } from '../events/event.types.js';
import { scopeSql, type EventScope } from './event-scope.js';

/** A report ready to store: what the engine said, and what this part adds (organization, place, matching). */
export interface NewEvent {
  readonly id: string;
  readonly event_type: RecognitionEventType;
  readonly camera_id: string;
  readonly organization_id: number;
  readonly place_id: number | null;
  readonly stream_server_id: string;
  readonly object_id: string;
  readonly event_action: string;
  readonly ts: Date;
  readonly event_data: Record<string, unknown>;
  readonly plate: string | null;
  /** L2-normalised */
  readonly descriptor: Float32Array | null;
  readonly match_state: MatchState;
}

/** An event whose matching is due (a claim: nobody else retries it until `next_match_at` passes again). */
export interface PendingMatch {
  readonly id: string;
  readonly ts: Date;
  readonly event_type: RecognitionEventType;
  readonly organization_id: number;
  readonly plate: string | null;
  readonly descriptor: string | number[] | null;
  readonly match_attempts: number;
}

export type DescriptorColumn = 'vector' | 'real[]';

export const EVENT_COLUMNS = sql.raw(
  'e.id::text as id, e.event_type, e.camera_id::text as camera_id, e.organization_id, e.place_id, e.stream_server_id, e.object_id, e.event_action, e.ts, e.event_data, e.match_state, e.match_data, e.max_priority, e.snapshot_size',
);

/** A descriptor as a parameter of the column's type. */
export function descriptorParam(column: DescriptorColumn, vector: ArrayLike<number>) {
  const values = Array.from(vector, (v) => (Number.isFinite(v) ? v : 0));
  return column === 'vector' ? sql`${`[${values.join(',')}]`}::vector` : sql`${`{${values.join(',')}}`}::real[]`;
}

/** The sign signature of a descriptor (`real[]` path) as bit-string text: '1' where the value is > 0. */
export function signatureText(vector: ArrayLike<number>): string {
  return Array.from(vector, (v) => (v > 0 ? '1' : '0')).join('');
}

/** The sign signature of a descriptor as a bit(512) parameter. */
export function descriptorBits(vector: ArrayLike<number>) {
  return sql`${signatureText(vector)}::bit(512)`;
}

/** A descriptor column's value as the driver returns it, as numbers. */
export function descriptorValues(value: string | number[] | null): number[] | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(Number);
  return value
    .replace(/^[[{]|[\]}]$/g, '')
    .split(',')
    .map(Number);
}

/** An event's values for `media.events`, in the insert's column order. */
function eventRow(event: NewEvent, column: DescriptorColumn) {
  const descriptor = event.descriptor ? descriptorParam(column, event.descriptor) : null;
  // real[]: the sign signature face search filters on first (there is no such column next to pgvector)
  const bits = column === 'real[]' ? sql`${event.descriptor ? descriptorBits(event.descriptor) : null},` : sql``;
  return sql`(${event.id}, ${event.event_type}, ${event.camera_id}, ${event.organization_id}, ${event.place_id},
    ${event.stream_server_id}, ${event.object_id}, ${event.event_action}, ${event.ts}, ${JSON.stringify(event.event_data)}::jsonb,
    ${event.plate}, ${descriptor}, ${bits} ${event.match_state}, ${event.match_state === 'pending' ? sql`now()` : null})`;
}

export const asView = (row: any): EventView => ({ ...row, ts: row.ts instanceof Date ? row.ts : new Date(row.ts) });

/** What live subscribers are told about: `created` events, or `matched` ones (those that matched a watchlist). */
export type LiveKind = 'created' | 'matched';

/** An event with its place in the order of storing: `created_seq`, and `matched_seq` once it matched. */
export interface SequencedEvent extends EventView {
  readonly created_seq: number | null;
  readonly matched_seq: number | null;
}

const SEQ_COLUMNS = sql.raw('i.created_seq::float8 as created_seq, i.matched_seq::float8 as matched_seq');
const seqColumn = (kind: LiveKind) => sql.raw(kind === 'created' ? 'i.created_seq' : 'i.matched_seq');

/** The events table: rows, the id registry, partitions, matching state. */
export class EventRepository {
  private readonly db: Kysely<any>;
  private column: DescriptorColumn | undefined;

  constructor(db: MediaDb) {
    this.db = db as unknown as Kysely<any>;
  }

  /** vector (pgvector) or real[] (no pgvector), as the migration chose. */
  async descriptorColumn(): Promise<DescriptorColumn> {
    if (this.column) return this.column;
    const { rows } = await sql<{ type: string }>`
      select format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = 'media.events'::regclass and attname = 'descriptor'`.execute(this.db);
    this.column = rows[0]?.type.startsWith('vector') ? 'vector' : 'real[]';
    return this.column;
  }

  /** The partition of one UTC day, created when missing (serialised by an advisory lock across processes). */
  async ensurePartition(day: Date): Promise<void> {
    const from = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
    const to = new Date(from.getTime() + 86_400_000);
    const name = `events_p${from.toISOString().slice(0, 10).replace(/-/g, '')}`;
    await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('media.events partitions'))`.execute(trx);
      const { rows } = await sql`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'media' and c.relname = ${name}`.execute(trx);
      if (rows.length > 0) return;
      await sql`create table media.${sql.id(name)} partition of media.events
        for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})`.execute(trx);
    });
  }

  /** Partitions (their day) entirely before `cutoff`. */
  async partitionsBefore(cutoff: Date): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      join pg_namespace n on n.oid = p.relnamespace
      where n.nspname = 'media' and p.relname = 'events' and c.relname ~ '^events_p[0-9]{8}$'`.execute(this.db);
    const day = cutoff.toISOString().slice(0, 10).replace(/-/g, '');
    return rows.map((r) => r.name).filter((name) => name.slice('events_p'.length) < day);
  }

  /** Drops a day's partition and the ids of its events. */
  async dropPartition(name: string): Promise<void> {
    const day = name.slice('events_p'.length);
    const from = new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00Z`);
    await this.db.transaction().execute(async (trx) => {
      await sql`drop table if exists media.${sql.id(name)}`.execute(trx);
      await sql`delete from media.event_ids where ts < ${new Date(from.getTime() + 86_400_000)}`.execute(trx);
    });
  }

  /** Stores an event unless its id is known; false when it was (a re-sent report). */
  async insert(event: NewEvent): Promise<boolean> {
    return (await this.insertMany([event])).length > 0;
  }

  /**
   * Stores events in one transaction (three statements however many), skipping ids already known
   * (and an id's later repeats in `events`); answers the ids stored, in the order given.
   */
  async insertMany(events: readonly NewEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const column = await this.descriptorColumn();
    const bits = column === 'real[]';
    return this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`insert into media.event_ids (id, ts, event_type)
        values ${sql.join(events.map((e) => sql`(${e.id}, ${e.ts}, ${e.event_type})`))}
        on conflict (id) do nothing returning id::text as id`.execute(trx);
      const created = new Set(rows.map((r) => r.id));
      const fresh = events.filter((e) => created.delete(e.id.toLowerCase()));
      if (fresh.length === 0) return [];
      await sql`insert into media.events (id, event_type, camera_id, organization_id, place_id, stream_server_id, object_id,
          event_action, ts, event_data, plate, descriptor, ${bits ? sql`descriptor_bits,` : sql``} match_state, next_match_at)
        values ${sql.join(fresh.map((event) => eventRow(event, column)))}`.execute(trx);
      // numbered last, just before the commit, so numbers follow commits as closely as they can
      await sql`update media.event_ids set created_seq = nextval('media.event_seq')
        where id in (${sql.join(fresh.map((e) => sql`${e.id}::uuid`))})`.execute(trx);
      return fresh.map((e) => e.id);
    });
  }

  /** Where an id's event lives (its capture time and type), when known. */
  async locate(id: string): Promise<{ ts: Date; event_type: RecognitionEventType } | undefined> {
    const { rows } = await sql<{ ts: Date; event_type: RecognitionEventType }>`
      select ts, event_type from media.event_ids where id = ${id}`.execute(this.db);
    return rows[0];
  }

  async findById(id: string, scope: EventScope): Promise<EventView | undefined> {
    const where = await this.locate(id);
    if (!where) return undefined;
    const { rows } = await sql`select ${EVENT_COLUMNS} from media.events e
      where e.id = ${id} and e.ts = ${where.ts} ${scopeSql(scope)}`.execute(this.db);
    return rows[0] ? asView(rows[0]) : undefined;
  }

  /** A page of events in [from, to), oldest first (keyset on ts, id). */
  async list(
    filter: { from: Date; to: Date; types?: readonly string[]; matchedOnly?: boolean; minPriority?: number },
    scope: EventScope,
    page: { limit: number; after?: { ts: Date; id: string } },
  ): Promise<EventView[]> {
    const { rows } = await sql`select ${EVENT_COLUMNS} from media.events e
      where e.ts >= ${filter.from} and e.ts < ${filter.to} ${scopeSql(scope)}
      ${filter.types ? sql`and e.event_type in (${sql.join(filter.types.map((t) => sql`${t}`))})` : sql``}
      ${filter.matchedOnly ? sql`and e.max_priority is not null` : sql``}
      ${filter.minPriority ? sql`and e.max_priority >= ${filter.minPriority}` : sql``}
      ${page.after ? sql`and (e.ts, e.id) > (${page.after.ts}, ${page.after.id}::uuid)` : sql``}
      order by e.ts, e.id limit ${page.limit + 1}`.execute(this.db);
    return rows.map(asView);
  }

  /** The events of these ids, with their numbers (one statement however many ids). */
  async findSequenced(ids: readonly string[]): Promise<SequencedEvent[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql`select ${EVENT_COLUMNS}, ${SEQ_COLUMNS} from media.event_ids i
      join media.events e on e.id = i.id and e.ts = i.ts
      where i.id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})`.execute(this.db);
    return rows.map(asView) as SequencedEvent[];
  }

  /** An event's number for `kind` (a `matched` subscriber resuming after an event that did not match: its creation). */
  async sequenceOf(id: string, kind: LiveKind, scope: EventScope): Promise<number | undefined> {
    const { rows } = await sql<{ seq: number | null }>`
      select ${kind === 'created' ? sql`i.created_seq` : sql`coalesce(i.matched_seq, i.created_seq)`}::float8 as seq
      from media.event_ids i join media.events e on e.id = i.id and e.ts = i.ts
      where i.id = ${id} ${scopeSql(scope)}`.execute(this.db);
    const seq = rows[0]?.seq;
    return seq === null || seq === undefined ? undefined : Number(seq);
  }

  /** The highest number given so far for `kind` (0 when none). */
  async lastSequence(kind: LiveKind): Promise<number> {
    const { rows } = await sql<{ seq: number | null }>`
      select max(${seqColumn(kind)})::float8 as seq from media.event_ids i`.execute(this.db);
    return Number(rows[0]?.seq ?? 0);
  }

  /** Events numbered after `after` for `kind`, in that order, at most `limit`. */
  async listSequenced(
    kind: LiveKind,
    after: number,
    filter: { types?: readonly string[]; minPriority?: number },
    scope: EventScope,
    limit: number,
  ): Promise<SequencedEvent[]> {
    const { rows } = await sql`select ${EVENT_COLUMNS}, ${SEQ_COLUMNS} from media.event_ids i
      join media.events e on e.id = i.id and e.ts = i.ts
      where ${seqColumn(kind)} > ${after} ${scopeSql(scope)}
      ${filter.types ? sql`and e.event_type in (${sql.join(filter.types.map((t) => sql`${t}`))})` : sql``}
      ${kind === 'matched' ? sql`and e.max_priority >= ${filter.minPriority ?? 0}` : sql``}
      order by ${seqColumn(kind)} limit ${limit}`.execute(this.db);
    return rows.map(asView) as SequencedEvent[];
  }

  /**
   * Claims up to `limit` events whose matching is due: their next try moves `leaseMs` ahead, so
   * another process does not take them meanwhile.
   */
  async claimPending(limit: number, leaseMs: number): Promise<PendingMatch[]> {
    const { rows } = await sql<PendingMatch>`
      update media.events e set next_match_at = now() + ${`${leaseMs} milliseconds`}::interval
      from (select id, ts from media.events where match_state = 'pending' and next_match_at <= now()
            order by next_match_at limit ${limit} for update skip locked) due
      where e.id = due.id and e.ts = due.ts
      returning e.id::text as id, e.ts, e.event_type, e.organization_id, e.plate, e.descriptor::text as descriptor, e.match_attempts`.execute(
      this.db,
    );
    return rows.map((r) => ({ ...r, ts: r.ts instanceof Date ? r.ts : new Date(r.ts) }));
  }

  /** The event's matches (empty: matched nothing); false when it was matched already. */
  async saveMatches(id: string, ts: Date, matches: MatchEntry[], maxPriority: number | null): Promise<boolean> {
    // an event that matched is numbered in the order of matches (eventMatched resumes on it)
    const { rows } = await sql<{ saved: number }>`
      with saved as (
        update media.events set match_state = 'done', match_data = ${JSON.stringify(matches)}::jsonb,
          max_priority = ${maxPriority}, next_match_at = null, match_attempts = match_attempts + 1
        where id = ${id} and ts = ${ts} and match_state = 'pending' returning id),
      numbered as (
        update media.event_ids i set matched_seq = nextval('media.event_seq')
        from saved where i.id = saved.id and ${maxPriority !== null}::boolean returning i.id)
      select (select count(*) from saved)::int as saved, (select count(*) from numbered)::int as numbered`.execute(
      this.db,
    );
    return (rows[0]?.saved ?? 0) > 0;
  }

  /** A failed try: retried at `retryAt`, or given up (`failed`) when null. */
  async matchFailed(id: string, ts: Date, retryAt: Date | null): Promise<void> {
    await sql`update media.events set match_attempts = match_attempts + 1,
        match_state = ${retryAt ? 'pending' : 'failed'}, next_match_at = ${retryAt}
      where id = ${id} and ts = ${ts} and match_state = 'pending'`.execute(this.db);
  }

  async setSnapshot(id: string, ts: Date, size: number): Promise<void> {
    await sql`update media.events set snapshot_size = ${size} where id = ${id} and ts = ${ts}`.execute(this.db);
  }
}
