import { sql } from 'kysely';
import type { IdentityDb } from '../db.js';

/** How many attempts a key gets and how long it is locked once it has used them up. */
export interface ThrottleRule {
  readonly maxFailures: number;
  /** a key with no failure and no lock for this long starts afresh */
  readonly windowSeconds: number;
  /** the first lock; each further one doubles, up to maxLockSeconds */
  readonly lockSeconds: number;
  readonly maxLockSeconds: number;
}

export interface AttemptOutcome {
  /** seconds until the key may try again; undefined when this attempt may go on */
  readonly retryAfterSeconds?: number;
  /** this attempt started the lock */
  readonly justLocked: boolean;
}

interface AttemptRow {
  locked_until: Date | string | null;
  last_failure_at: Date | string;
  now: Date | string;
}

/**
 * Failed sign-in counters in PostgreSQL, so every identity instance sees the same counts. An
 * attempt is counted before the password is checked (a burst of parallel attempts cannot outrun
 * the count) and given back when it succeeds.
 */
export class LoginThrottleRepository {
  constructor(private readonly db: IdentityDb) {}

  /**
   * Counts one attempt of a key in one statement. A locked key is left as it is. An attempt past
   * the budget locks the key (doubling the previous lock) and leaves one more attempt for when the
   * lock ends.
   */
  async attempt(key: string, rule: ThrottleRule): Promise<AttemptOutcome> {
    const max = sql`${rule.maxFailures}::integer`;
    const seconds = (value: number) => sql`${value}::double precision`;
    const locked = sql`t.locked_until is not null and t.locked_until > now()`;
    const windowStart = sql`now() - make_interval(secs => ${seconds(rule.windowSeconds)})`;
    const stale = sql`greatest(t.last_failure_at, t.locked_until) < ${windowStart}`;
    const failures = sql`case when ${stale} then 1 else t.failures + 1 end`;
    const lockCount = sql`case when ${stale} then 0 else t.lock_count end`;
    const doubled = sql`${seconds(rule.lockSeconds)} * power(2, least(${lockCount}, 30))`;
    const lockFor = sql`least(${doubled}, ${seconds(rule.maxLockSeconds)})`;
    const over = sql`${failures} > ${max}`;
    const result = await sql<AttemptRow>`
      insert into identity.login_throttles as t (key, failures, lock_count, last_failure_at, locked_until)
      values (${key}, 1, 0, now(), null)
      on conflict (key) do update set
        failures = case when ${locked} then t.failures when ${over} then ${max} - 1 else ${failures} end,
        lock_count = case when ${locked} then t.lock_count when ${over} then ${lockCount} + 1 else ${lockCount} end,
        locked_until = case when ${locked} then t.locked_until
          when ${over} then now() + make_interval(secs => ${lockFor}) else t.locked_until end,
        last_failure_at = case when ${locked} then t.last_failure_at else now() end
      returning locked_until, last_failure_at, now() as now`.execute(this.db);
    const row = result.rows[0]!;
    const now = new Date(row.now).getTime();
    const until = row.locked_until === null ? undefined : new Date(row.locked_until).getTime();
    if (until === undefined || until <= now) return { justLocked: false };
    return {
      retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
      justLocked: new Date(row.last_failure_at).getTime() === now,
    };
  }

  /** Gives back the attempt of a key that succeeded. */
  async giveBack(key: string): Promise<void> {
    await this.db
      .updateTable('login_throttles')
      .set({ failures: sql`greatest(failures - 1, 0)` })
      .where('key', '=', key)
      .execute();
  }

  /** Forgets a key: its failures and its lock. */
  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttles').where('key', '=', key).execute();
  }

  /** Forgets keys quiet (no failure, no lock) for longer than the window. */
  async deleteStale(windowSeconds: number): Promise<number> {
    const windowStart = sql`now() - make_interval(secs => ${windowSeconds}::double precision)`;
    const result = await this.db
      .deleteFrom('login_throttles')
      .where(sql<boolean>`greatest(last_failure_at, locked_until) < ${windowStart}`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
