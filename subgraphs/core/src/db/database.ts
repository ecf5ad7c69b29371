import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

/** Where a part's data lives: a PostgreSQL server (url) or the embedded PGlite database. */
export interface DatabaseConfig {
  /** postgres://… — when set, a real server is used */
  readonly url?: string;
  /** PGlite data directory; `memory://` for a throwaway database */
  readonly dataDir: string;
  /** pool size per part against a server */
  readonly poolSize?: number;
}

export interface Database {
  readonly db: Kysely<any>;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

// Integers come back as numbers (ids, counts); bigint counts stay within 2^53 here.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens a server pool, or an embedded PGlite database (from a directory, memory, or a dumped template). */
export async function openDatabase(config: DatabaseConfig, template?: Blob | File): Promise<Database> {
  if (config.url) {
    const pool = serverPool({ connectionString: config.url, max: config.poolSize ?? 10 });
    const database = wrap(new PostgresDialect({ pool }), 'postgres', () => pool.end());
    drivers.set(database.db, { pool });
    return database;
  }
  // pgvector is loaded so that parts may `create extension vector` (the media part's face search index)
  const extensions = { vector };
  const pglite = template
    ? await PGlite.create({ loadDataDir: template, extensions })
    : await PGlite.create(config.dataDir, { extensions });
  return wrap(new PGliteDialect(pglite), 'pglite', () => pglite.close(), pglite);
}

/** A server pool; an idle connection the server drops (restart, terminated backend) does not end the process: the pool replaces it on the next query. */
export function serverPool(options: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(options);
  pool.on('error', () => undefined);
  return pool;
}

/** The PGlite instance behind a database opened on the embedded engine (for dumping a template). */
const engines = new WeakMap<Database, PGlite>();

export function pgliteOf(database: Database): PGlite | undefined {
  return engines.get(database);
}

function wrap(dialect: Dialect, kind: Database['kind'], closeDriver: () => Promise<void>, pglite?: PGlite): Database {
  const db = new Kysely<any>({ dialect });
  let closed = false;
  const database: Database = {
    db,
    kind,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      if (kind === 'pglite') await closeDriver().catch(() => undefined);
    },
  };
  if (pglite) engines.set(database, pglite);
  if (pglite) drivers.set(db, { pglite });
  return database;
}

/** The server pool or embedded engine behind a Kysely instance opened here (pool and query metrics). */
const drivers = new WeakMap<Kysely<any>, { readonly pool?: pg.Pool; readonly pglite?: PGlite }>();

export function driverOf(db: Kysely<any>): { readonly pool?: pg.Pool; readonly pglite?: PGlite } | undefined {
  return drivers.get(db);
}

/**
 * A handle that shares another's connection and must not close it: in the all-in-one
 * process every part uses the one embedded database, which the launcher closes.
 */
export function borrowDatabase(database: Database): Database {
  const borrowed: Database = { db: database.db, kind: database.kind, close: async () => undefined };
  // the embedded engine stays reachable through the borrowed handle (pg-boss runs scripts on it)
  const pglite = engines.get(database);
  if (pglite) engines.set(borrowed, pglite);
  return borrowed;
}
