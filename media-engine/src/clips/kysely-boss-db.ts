import { CompiledQuery, type Kysely } from 'kysely';
import { pgliteOf, type Database } from '@argus/core';

/** pg-boss's `db` option: run its SQL on our connection (a pool, or the embedded PGlite). */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/**
 * pg-boss on our own database handle instead of a connection string of its own, so it runs on
 * PGlite (in-process, no connection string) and on a server alike:
 *
 * - with parameters: one statement through Kysely (`pg` on a server, PGlite's `query` embedded);
 * - without parameters pg-boss may send several statements at once (its install, migrations and
 *   maintenance are `BEGIN; … COMMIT;` scripts). `pg` runs a parameterless query with the simple
 *   protocol, which accepts scripts; PGlite's `query` uses the extended protocol, which does not,
 *   so there the script goes to PGlite's `exec`. A script runs on one connection held for it (on
 *   PGlite: Kysely's only one, so never inside another caller's open transaction), and a script
 *   that fails half-way is rolled back before the connection is given back: its `BEGIN` would
 *   otherwise leave the connection in an aborted transaction for whoever uses it next.
 */
export function kyselyBossDb(database: Database): BossDb {
  const db: Kysely<any> = database.db;
  const pglite = database.kind === 'pglite' ? pgliteOf(database) : undefined;
  if (database.kind === 'pglite' && !pglite)
    throw new Error('pg-boss on PGlite needs the PGlite engine of the database (core pgliteOf)');
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await db.executeQuery(CompiledQuery.raw(text, values));
        return { rows: result.rows as any[] };
      }
      return db.connection().execute(async (connection) => {
        try {
          if (pglite) return { rows: (await pglite.exec(text)).at(-1)?.rows ?? [] };
          return { rows: (await connection.executeQuery(CompiledQuery.raw(text))).rows as any[] };
        } catch (err) {
          await connection.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
          throw err;
        }
      });
    },
  };
}
