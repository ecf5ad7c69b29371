import { sql, type Kysely } from 'kysely';
import type { MediaDb } from '../db.js';
import type { StatsBucketSize } from '../events/event.types.js';
import { scopeSql, type EventScope } from './event-scope.js';

export interface CountRow {
  readonly bucket: Date;
  readonly key: string;
  readonly count: number;
}

export class EventStatsRepository {
  private readonly db: Kysely<any>;

  constructor(db: MediaDb) {
    this.db = db as unknown as Kysely<any>;
  }

  /** Events in [from, to) per UTC hour or day and type. */
  async byType(size: StatsBucketSize, from: Date, to: Date, scope: EventScope): Promise<CountRow[]> {
    return this.count(size, from, to, scope, sql`e.event_type`, sql``);
  }

  /** Matched events in [from, to) per bucket and highest priority ('0' for lists without one). */
  async byPriority(size: StatsBucketSize, from: Date, to: Date, scope: EventScope): Promise<CountRow[]> {
    return this.count(size, from, to, scope, sql`e.max_priority::text`, sql`and e.max_priority is not null`);
  }

  private async count(
    size: StatsBucketSize,
    from: Date,
    to: Date,
    scope: EventScope,
    key: ReturnType<typeof sql>,
    extra: ReturnType<typeof sql>,
  ): Promise<CountRow[]> {
    const unit = sql.lit(size);
    const { rows } = await sql<CountRow>`
      select date_trunc(${unit}, e.ts at time zone 'UTC') at time zone 'UTC' as bucket, ${key} as key, count(*)::int as count
      from media.events e where e.ts >= ${from} and e.ts < ${to} ${scopeSql(scope)} ${extra}
      group by 1, 2`.execute(this.db);
    return rows.map((r) => ({
      ...r,
      bucket: r.bucket instanceof Date ? r.bucket : new Date(r.bucket),
      count: Number(r.count),
    }));
  }
}
