import type { PGlite } from '@electric-sql/pglite';
import { driverOf, type Database } from '../db/database.js';
import type { PartMetrics } from './metrics.js';

/** Queries started and not yet answered on each embedded engine (it runs one at a time; the rest wait). */
const pending = new WeakMap<PGlite, { count: number }>();

function queriesInFlight(pglite: PGlite): { count: number } {
  let state = pending.get(pglite);
  if (state) return state;
  const counted = { count: 0 };
  state = counted;
  pending.set(pglite, counted);
  // the instance's own query and exec are wrapped (Kysely's dialect and pg-boss call these two)
  const engine = pglite as unknown as Record<'query' | 'exec', (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['query', 'exec'] as const) {
    const original = engine[method].bind(pglite);
    engine[method] = async (...args: unknown[]) => {
      counted.count += 1;
      try {
        return await original(...args);
      } finally {
        counted.count -= 1;
      }
    };
  }
  return counted;
}

/**
 * Database gauges of a part: a server pool's connections (total, idle) and waiting clients, or
 * the embedded engine's queries in flight (shared by every part of the all-in-one process).
 */
export function observeDatabase(metrics: PartMetrics, database: Database): void {
  const driver = driverOf(database.db);
  if (driver?.pool) {
    const pool = driver.pool;
    metrics.gauge('argus_db_pool_connections', 'Connections the pool holds (in use and idle)', () => pool.totalCount);
    metrics.gauge('argus_db_pool_idle_connections', 'Idle connections of the pool', () => pool.idleCount);
    metrics.gauge('argus_db_pool_waiting_clients', 'Queries waiting for a pool connection', () => pool.waitingCount);
    metrics.gauge('argus_db_pool_max_connections', 'Size of the pool (DATABASE_POOL_SIZE)', () => pool.options.max);
  }
  if (driver?.pglite) {
    const state = queriesInFlight(driver.pglite);
    metrics.gauge('argus_db_queries_in_flight', 'Queries on the embedded database started and not answered', () =>
      driver.pglite!.closed ? undefined : state.count,
    );
  }
}
