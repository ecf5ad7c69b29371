import { sql, type Kysely } from 'kysely';
import type { MediaDb } from '../db.js';
import type { FaceSearchHit, EventView } from '../events/event.types.js';
import { asView, descriptorBits, descriptorParam, EVENT_COLUMNS, type DescriptorColumn } from './event.repository.js';
import { scopeSql, type EventScope } from './event-scope.js';

/**
 * How face search runs: `auto` uses the HNSW index on `vector` (pgvector) and the sign-signature
 * prefilter on `real[]`; `exact` compares every descriptor of the window.
 */
export type FaceSearchMode = 'auto' | 'exact';

/** Candidates the HNSW scan considers (pgvector's ef_search; its maximum). */
const EF_SEARCH = 1000;

const SIGNATURE_BITS = 512;
/**
 * Standard deviations of the Hamming distance a true hit may lie beyond its expected distance: a
 * descriptor exactly at the threshold is missed with probability ≈ 3·10⁻⁷ (4 would give ≈ 3·10⁻⁵
 * for fewer candidates, see the media README for the measurements).
 */
const SIGNATURE_SIGMAS = 5;

/**
 * The largest Hamming distance between sign signatures that may still belong to a descriptor with
 * cosine similarity ≥ `threshold`: for two descriptors at angle θ each sign differs with probability
 * θ/π, so the distance at the threshold's angle is ≈ Binomial(512, acos(t)/π); the bound is its mean
 * plus SIGNATURE_SIGMAS standard deviations (and 2 bits for values at zero). Undefined when it
 * would keep (nearly) everything: then the scan is exact.
 */
export function signatureBound(threshold: number): number | undefined {
  const p = Math.acos(Math.min(1, Math.max(-1, threshold))) / Math.PI;
  const bound = Math.ceil(SIGNATURE_BITS * p + SIGNATURE_SIGMAS * Math.sqrt(SIGNATURE_BITS * p * (1 - p))) + 2;
  return bound >= SIGNATURE_BITS ? undefined : bound;
}

export class EventSearchRepository {
  private readonly db: Kysely<any>;

  constructor(db: MediaDb) {
    this.db = db as unknown as Kysely<any>;
  }

  /**
   * Face events in [from, to) with cosine similarity ≥ threshold to `query` (L2-normalised), best first.
   * `auto` on `vector`: ordered by the HNSW index (pgvector ≥ 0.8 iterative scans keep going past
   * filtered-out rows); `auto` on `real[]`: only descriptors whose sign signature is within
   * signatureBound(threshold) of the query's are compared (rows without a signature always are);
   * `exact`: every descriptor of the window is compared.
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
    if (column === 'vector' && mode === 'auto') {
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
      const bound = column === 'real[]' && mode === 'auto' ? signatureBound(args.threshold) : undefined;
      const signature =
        bound === undefined
          ? sql``
          : sql`and (e.descriptor_bits is null or bit_count(e.descriptor_bits # ${descriptorBits(query)}) <= ${bound})`;
      // the best first, then their columns: the join reads only those rows
      const found = await sql`with scored as materialized (
            select e.id, e.ts, ${similarity} as similarity from media.events e where ${where} ${signature}),
          best as materialized (select s.id, s.ts, s.similarity from scored s where s.similarity >= ${args.threshold}
            order by s.similarity desc, s.id limit ${args.limit})
          select ${EVENT_COLUMNS}, b.similarity from best b join media.events e on e.id = b.id and e.ts = b.ts
          order by b.similarity desc, e.id`.execute(this.db);
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
