import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/database.js';
import type { Database } from './database.js';
import { preparedQuery } from './prepared-query.js';

interface Tables {
  readings: { id: number; camera: string; value: number };
}

describe('a prepared query', () => {
  let database: Database;
  let db: Kysely<Tables>;

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db as Kysely<Tables>;
    await sql`create table readings (id int primary key, camera text not null, value int not null)`.execute(db);
    await db
      .insertInto('readings')
      .values([
        { id: 1, camera: 'north', value: 5 },
        { id: 2, camera: 'north', value: 9 },
        { id: 3, camera: 'south', value: 7 },
      ])
      .execute();
  });
  afterAll(() => database?.close());

  it('answers each call for its own values, in the order it was built with', async () => {
    const readings = preparedQuery(db, (camera: string, above: number) =>
      db
        .selectFrom('readings')
        .select(['id', 'value'])
        .where('camera', '=', camera)
        .where('value', '>', above)
        .where('id', '<', 100)
        .orderBy('id'),
    );
    expect(await readings('north', 0)).toEqual([
      { id: 1, value: 5 },
      { id: 2, value: 9 },
    ]);
    expect(await readings('north', 6)).toEqual([{ id: 2, value: 9 }]);
    expect(await readings('south', 0)).toEqual([{ id: 3, value: 7 }]);
    expect(await readings("north' or 'a'='a", 0)).toEqual([]);
    const both = await Promise.all([readings('south', 6), readings('north', 8), readings('east', 0)]);
    expect(both).toEqual([[{ id: 3, value: 7 }], [{ id: 2, value: 9 }], []]);
  });

  it('refuses a build that does not use each parameter once as a value', async () => {
    const unused = preparedQuery(db, (_camera: string) => db.selectFrom('readings').select('id'));
    await expect(unused('north')).rejects.toThrow(/each of its 1 parameters once/);
    const twice = preparedQuery(db, (camera: string) =>
      db.selectFrom('readings').select('id').where('camera', '=', camera).where('camera', '<>', camera),
    );
    await expect(twice('north')).rejects.toThrow(/each of its 1 parameters once/);
  });
});
