import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '@argus/core';

const CACHE = path.resolve('node_modules', '.cache', 'argus');

/**
 * A fresh, empty database for one test file: a new database on the server named by
 * DATABASE_URL (dropped on close), or else an embedded PGlite copied from a template
 * initialised once (a new PGlite takes seconds to initialise, a copy well under one).
 */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return openServerDatabase(serverUrl);
  const database = await openDatabase({ dataDir: 'memory://' }, await pgliteTemplate());
  return database;
}

async function openServerDatabase(serverUrl: string): Promise<Database & { url: string }> {
  const name = `argus_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '' });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

let template: Promise<Blob> | undefined;

async function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = path.join(CACHE, `pglite-${PGlite.name}-template.tar.gz`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const pglite = await PGlite.create('memory://');
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return dump;
  })();
  return template;
}
