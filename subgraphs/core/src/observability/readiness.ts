import { sql } from 'kysely';
import type { Database } from '../db/database.js';

/** Migrations under way in this process (every part's, the all-in-one start runs them one after the other). */
let migrationsRunning = 0;

/** Runs a part's migrations; meanwhile every part of this process answers /readyz 503 `migrations running`. */
export async function duringMigrations<T>(run: () => Promise<T>): Promise<T> {
  migrationsRunning += 1;
  try {
    return await run();
  } finally {
    migrationsRunning -= 1;
  }
}

export type ReadinessState =
  | { readonly status: 'ready' }
  | { readonly status: 'not_ready'; readonly reason: 'starting' | 'stopping' | 'migrations running' }
  | { readonly status: 'not_ready'; readonly reason: 'database unreachable'; readonly detail: string };

export interface ReadinessOptions {
  /** the part's database, checked with `select 1` */
  readonly database?: Database;
  /** longest wait for the database's answer (ms) */
  readonly timeoutMs?: number;
  /** how long one database check's outcome is reused (ms) */
  readonly cacheMs?: number;
}

/**
 * Whether a part should get traffic: started (its own start finished), not stopping, no
 * migration running in the process, and its database answering `select 1` within the timeout
 * (one check at a time, its outcome reused for `cacheMs`).
 */
export class Readiness {
  private phase: 'starting' | 'ready' | 'stopping' = 'starting';
  private checked: { at: number; error?: string } | undefined;
  private checking: Promise<string | undefined> | undefined;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;

  constructor(private readonly options: ReadinessOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.cacheMs = options.cacheMs ?? 1000;
  }

  ready(): void {
    this.phase = 'ready';
  }

  stopping(): void {
    this.phase = 'stopping';
  }

  async state(): Promise<ReadinessState> {
    if (this.phase !== 'ready') return { status: 'not_ready', reason: this.phase };
    if (migrationsRunning > 0) return { status: 'not_ready', reason: 'migrations running' };
    const error = await this.databaseError();
    if (error !== undefined) return { status: 'not_ready', reason: 'database unreachable', detail: error };
    return { status: 'ready' };
  }

  private async databaseError(): Promise<string | undefined> {
    const { database } = this.options;
    if (!database) return undefined;
    if (this.checked && Date.now() - this.checked.at < this.cacheMs) return this.checked.error;
    this.checking ??= this.ping(database).finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async ping(database: Database): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    });
    const query = sql`select 1`.execute(database.db).then(
      () => undefined,
      (error: unknown) => (error instanceof Error && error.message ? error.message : 'query failed'),
    );
    const error = await Promise.race([query, timeout]);
    clearTimeout(timer);
    this.checked = { at: Date.now(), error: error === undefined ? undefined : redact(error) };
    return this.checked.error;
  }
}

/** A driver message without addresses or credentials (it goes to unauthenticated callers). */
function redact(message: string): string {
  if (/ECONNREFUSED|connect|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT/i.test(message)) return 'connection refused or lost';
  if (/closed/i.test(message)) return 'database closed';
  if (/no answer within/.test(message)) return message;
  return 'query failed';
}
