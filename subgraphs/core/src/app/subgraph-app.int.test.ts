import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSchema } from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/database.js';
import type { Viewer } from '../auth/viewer.js';
import { commonConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { UnauthenticatedError } from '../errors.js';
import { createSubgraphApp, type SubgraphApp } from './subgraph-app.js';

/** a schema of its own, so that runs against one PostgreSQL server do not meet */
const SCHEMA = `skeleton_${randomBytes(4).toString('hex')}`;

const VIEWER: Viewer = {
  userId: 7,
  organizationId: 3,
  isSuperuser: false,
  roleId: 1,
  permissions: [],
  groupIds: [],
  tokenId: 'token-7',
};

const schema = () => {
  const built = buildSchema('type Query { greeting: String, caller: Int }');
  const fields = built.getQueryType()!.getFields();
  fields.greeting!.resolve = (_root, _args, ctx: { services: { greeting: string } }) => ctx.services.greeting;
  fields.caller!.resolve = (_root, _args, ctx: { loaders: { userId: number | undefined } }) => ctx.loaders.userId;
  return built;
};

describe('createSubgraphApp', () => {
  let database: Database;
  let migrations: string;
  const stopped: string[] = [];
  let app: SubgraphApp<{ greeting: string }, { extra: string }>;
  let url: string;
  const base = () => url.replace('/graphql', '');

  beforeAll(async () => {
    database = await openTestDatabase();
    migrations = await mkdtemp(path.join(tmpdir(), 'argus-skeleton-'));
    await writeFile(
      path.join(migrations, '1700000000000-Things.js'),
      `export async function up(db) { await db.schema.withSchema('${SCHEMA}').createTable('thing').addColumn('id', 'integer').execute(); }\n` +
        'export async function down() {}\n',
    );
    const config = {
      ...commonConfig({ ARGUS_DATA_DIR: migrations, LOG_LEVEL: 'silent' }),
      port: 0,
    };
    app = createSubgraphApp({
      part: 'skeleton',
      config,
      database,
      dbSchema: SCHEMA,
      migrations: pathToFileURL(`${migrations}/`),
      schema,
      async assemble({ onStop, caller }) {
        onStop(() => void stopped.push('first'));
        onStop(async () => void stopped.push('second'));
        return {
          services: { greeting: 'hello' },
          authenticator: {
            authenticate: async (token) => {
              if (token !== 'good') throw new UnauthenticatedError('bad token');
              return VIEWER;
            },
          },
          loaders: (viewer) => ({ userId: viewer?.userId }),
          routes: {
            '/whoami': async (req, res) => {
              const context = await caller(req).catch(() => undefined);
              res.end(JSON.stringify({ userId: context?.viewer?.userId ?? null }));
            },
          },
          routePatterns: [[/^\/things\/\d+$/, (req, res) => void res.end(`thing ${req.url}`)]],
          started: { extra: 'answered' },
        };
      },
    });
    const started = await app.start();
    url = started.url;
    expect(started.extra).toBe('answered');
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    if (migrations) await rm(migrations, { recursive: true, force: true });
  });

  it('migrates the part into its own schema with its own migration table', async () => {
    const { rows } = await sql<{ name: string }>`select name from ${sql.id(SCHEMA, 'kysely_migration')}`.execute(
      database.db,
    );
    expect(rows.map((r) => r.name)).toEqual(['1700000000000-Things']);
    await sql`select id from ${sql.id(SCHEMA, 'thing')}`.execute(database.db);
  });

  it('serves GraphQL with services and per-request loaders of the verified caller', async () => {
    const ask = (token: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ greeting caller }' }),
      });
    const good = await ask('good');
    expect(await good.json()).toEqual({ data: { greeting: 'hello', caller: 7 } });
    const bad = await ask('bad');
    expect(bad.status).toBe(401);
    expect(app.services()).toEqual({ greeting: 'hello' });
  });

  it('serves /healthz, the exact routes with the caller, and the pattern routes', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const whoami = await fetch(`${base()}/whoami`, { headers: { authorization: 'Bearer good' } });
    expect(await whoami.json()).toEqual({ userId: 7 });
    expect(await (await fetch(`${base()}/things/12`)).text()).toBe('thing /things/12');
    expect((await fetch(`${base()}/things/x`)).status).toBe(404);
  });

  it('stops the server, then what the part registered (last first), leaving a shared database open', async () => {
    await app.stop();
    expect(stopped).toEqual(['second', 'first']);
    await expect(fetch(`${base()}/healthz`)).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
