import { openDatabase, type Database } from '@argus/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { ClipQueue } from './clip-queue.js';
import { kyselyBossDb } from './kysely-boss-db.js';

let database: Database & { url?: string };

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe("pg-boss's SQL on our database handle", () => {
  it('a script that fails half-way leaves no connection inside its aborted transaction', async () => {
    const boss = kyselyBossDb(database);
    const failing = 'BEGIN; CREATE TABLE half_done (id int); SELECT * FROM no_such_table; COMMIT;';
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => boss.executeSql(failing)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // every connection of the pool answers again, and the half-done script left nothing behind
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => sql<{ n: number }>`select 1 as n`.execute(database.db)),
    );
    expect(answers.map((a) => a.rows[0]!.n)).toEqual(Array(12).fill(1));
    const table = await sql<{ name: string | null }>`select to_regclass('half_done')::text as name`.execute(
      database.db,
    );
    expect(table.rows[0]!.name).toBeNull();
  });

  it.runIf(process.env.DATABASE_URL)(
    'two processes installing the queue at once both start (one PostgreSQL server)',
    async () => {
      const others = await Promise.all([0, 1, 2].map(() => openDatabase({ url: database.url!, dataDir: '' })));
      const queues = others.map((d) => new ClipQueue(d, { logger: capturedLogger().logger }));
      try {
        await Promise.all(queues.map((q) => q.start()));
        const jobId = await queues[0]!.send('00000000-0000-4000-8000-000000000001', 'clip-1');
        expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await Promise.all(queues.map((q) => q.stop()));
        await Promise.all(others.map((d) => d.close()));
      }
    },
  );
});
