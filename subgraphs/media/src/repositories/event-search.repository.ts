import { sql, type Kysely } from 'kysely';
import type { MediaDb } from '../db.js';
import type { FaceSearchHit, EventView } from '../events/event.types.js';
import { asView, descriptorParam, EVENT_COLUMNS, type DescriptorColumn } from './event.repository.js';
import { scopeSql, type EventScope } from './event-scope.js';

/** How face search runs: the HNSW index (pgvector) or an exact scan of the window. */
export type FaceSearchMode = 'index' | 'exact';

/** Candidates the HNSW scan considers (pgvector's ef_search; its maximum). */
const EF_SEARCH = 1000;

export class EventSearchRepository {
  private readonly db: Kysely<any>;

  constructor(db: MediaDb) {
    this.db = db as unknown as Kysely<any>;
  }

  /**
   * Face events in [from, to) with cosine similarity ≥ threshold to `query` (L2-normalised), best first.
   * `index`: ordered by the HNSW index (pgvector ≥ 0.8 iterative scans keep going past filtered-out
   * rows); `exact`: every descriptor of the window is compared.
   */
  async faces(
    column: DescriptorColumn,
    mode: FaceSearchMode,
    query: Float32Array,
    args: { threshold: number; from: Date; to: Date; limit: number },
    scope: EventScope,
  ): Promise<FaceSearchHit[]> {
    const q = descriptorParam(column, query);
    const where = sql`e.event_type = 'face_recognition' and e.descriptor is not null
      and e.ts >= ${args.from} and e.ts < ${args.to} ${scopeSql(scope)}`;
    let rows: any[];
    if (column === 'vector' && mode === 'index') {
      rows = await this.db.transaction().execute(async (trx) => {
        await sql`select set_config('hnsw.ef_search', ${String(EF_SEARCH)}, true)`.execute(trx);
        await sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true)`.execute(trx);
        // else the planner prefers reading every partition and sorting to merging the partitions' index scans
        await sql`select set_config('enable_sort', 'off', true)`.execute(trx);
        const found = await sql`select * from (
            select ${EVENT_COLUMNS}, 1 - (e.descriptor <=> ${q}) as similarity from media.events e
            where ${where} order by e.descriptor <=> ${q} limit ${args.limit}) hits
          where similarity >= ${args.threshold} order by similarity desc, id`.execute(trx);
        return found.rows;
      });
    } else {
      const similarity =
        column === 'vector'
          ? sql`1 - (e.descriptor <=> ${q})`
          : sql`(select sum(a * b) from unnest(e.descriptor, ${q}) as d(a, b))`;
      const found = await sql`with scored as materialized (
            select e.id, e.ts, ${similarity} as similarity from media.events e where ${where})
          select ${EVENT_COLUMNS}, s.similarity from scored s join media.events e on e.id = s.id and e.ts = s.ts
          where s.similarity >= ${args.threshold} order by s.similarity desc, e.id limit ${args.limit}`.execute(
        this.db,
      );
      rows = found.rows;
    }
    return rows.map((row) => ({ similarity: Number(row.similarity), event: asView(row) }));
  }

  /** Plate events in [from, to) whose normalised plate equals (or contains) `plate`, newest first. */
  async plates(
    plate: string,
    partial: boolean,
    args: { from: Date; to: Date; limit: number },
    scope: EventScope,
  ): Promise<EventView[]> {
    const match = partial
      ? sql`e.plate like ${`%${plate.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
      : sql`e.plate = ${plate}`;
    const { rows } = await sql`select ${EVENT_COLUMNS} from media.events e
      where e.event_type = 'plate_recognition' and e.plate is not null and ${match}
        and e.ts >= ${args.from} and e.ts < ${args.to} ${scopeSql(scope)}
      order by e.ts desc, e.id limit ${args.limit}`.execute(this.db);
    return rows.map(asView);
  }
}
