import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';

describe('test databases', () => {
  it('opens a fresh database each time', async () => {
    const a = await openTestDatabase();
    const b = await openTestDatabase();
    await sql`create table marker (id int)`.execute(a.db);
    const inB = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'marker'`.execute(b.db);
    expect(inB.rows[0]!.n).toBe(0);
    await a.close();
    await b.close();
  });
});
