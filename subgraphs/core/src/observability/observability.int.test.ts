import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/database.js';
import { freePort, until } from '../../../../test/support/waiting.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateSchema } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { startGraphqlServer, type RunningServer } from '../graphql/server.js';
import { metricsConfig, type MetricsConfig } from './metrics.js';

const schema = buildSchema('type Query { hello: String }');
schema.getQueryType()!.getFields().hello!.resolve = () => 'hi';

const TOKEN = 'metrics-token-0123456789';

async function serve(part: string, database: Database | undefined, config?: MetricsConfig): Promise<RunningServer> {
  return startGraphqlServer({
    schema,
    host: '127.0.0.1',
    port: 0,
    logger: createLogger(part, 'silent'),
    context: async () => ({}),
    routes: { '/healthz': (_req, res) => void res.end('ok') },
    observability: { part, database, config },
  });
}

const base = (server: RunningServer) => server.url.replace('/graphql', '');

async function metricsOf(server: RunningServer, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${base(server)}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

async function readyz(server: RunningServer): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base(server)}/readyz`);
  return { status: res.status, body: await res.json() };
}

/** The value of one sample line (`name{labels} value`), undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2]!.split(/,(?=[a-zA-Z_]+=")/);
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

describe('a part’s /metrics and /readyz', () => {
  let database: Database;
  let server: RunningServer;

  beforeAll(async () => {
    database = await openTestDatabase();
    server = await serve('probe', database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('counts and times each GraphQL request by its operation name (none when anonymous)', async () => {
    const post = (body: unknown) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ query: 'query Greeting { hello }' })).status).toBe(200);
    expect((await post({ query: 'query Greeting { hello }' })).status).toBe(200);
    expect((await post({ query: '{ hello }' })).status).toBe(200);
    // the executed operation's own name wins over a name the client does not run
    expect((await post({ query: 'query A { hello } query B { hello }', operationName: 'B' })).status).toBe(200);
    const refused = await post({ query: '{ nope }' });
    expect(refused.status).toBeGreaterThanOrEqual(200);

    const text = await metricsOf(server);
    expect(sample(text, 'argus_http_requests_total', { part: 'probe', operation: 'Greeting', status: '200' })).toBe(2);
    expect(sample(text, 'argus_http_requests_total', { part: 'probe', operation: 'B', status: '200' })).toBe(1);
    expect(sample(text, 'argus_http_requests_total', { operation: 'A' })).toBeUndefined();
    // anonymous, and a document that never executed
    expect(sample(text, 'argus_http_requests_total', { part: 'probe', operation: 'none', status: '200' })).toBe(
      refused.status === 200 ? 2 : 1,
    );
    if (refused.status !== 200) {
      expect(sample(text, 'argus_http_requests_total', { operation: 'none', status: String(refused.status) })).toBe(1);
    }
    expect(sample(text, 'argus_http_request_duration_seconds_count', { part: 'probe', operation: 'Greeting' })).toBe(2);
    expect(sample(text, 'argus_http_request_duration_seconds_bucket', { operation: 'Greeting', le: '+Inf' })).toBe(2);
  });

  it('labels fixed routes by their path and anything else unknown', async () => {
    expect((await fetch(`${base(server)}/healthz`)).status).toBe(200);
    expect((await fetch(`${base(server)}/no/such/path/${Date.now()}`)).status).toBe(404);
    const text = await metricsOf(server);
    expect(sample(text, 'argus_http_requests_total', { operation: '/healthz', status: '200' })).toBe(1);
    expect(sample(text, 'argus_http_requests_total', { operation: 'unknown', status: '404' })).toBe(1);
    expect(text).not.toContain('/no/such/path');
  });

  it('serves the process metrics (event loop lag) and the database’s use', async () => {
    const text = await metricsOf(server);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    if (database.kind === 'postgres') {
      expect(sample(text, 'argus_db_pool_connections', { part: 'probe' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'argus_db_pool_max_connections', { part: 'probe' })).toBe(10);
      expect(sample(text, 'argus_db_pool_waiting_clients', { part: 'probe' })).toBe(0);
    } else {
      expect(sample(text, 'argus_db_queries_in_flight', { part: 'probe' })).toBe(0);
    }
    expect(sample(text, 'argus_ready', { part: 'probe' })).toBe(1);
  });

  it('is ready with its database up, and not while a migration runs', async () => {
    expect(await readyz(server)).toEqual({ status: 200, body: { status: 'ready' } });
    const folder = await mkdtemp(path.join(tmpdir(), 'argus-migrations-'));
    const gate = globalThis as { argusMigrationGate?: Promise<void> };
    let open!: () => void;
    gate.argusMigrationGate = new Promise<void>((resolve) => (open = resolve));
    await writeFile(
      path.join(folder, '1000000000000-Waits.js'),
      'export async function up() { await globalThis.argusMigrationGate; }\n',
    );
    const migrating = migrateSchema(database.db, `probe_${Date.now()}`, folder);
    try {
      const during = await until(
        async () => {
          const answer = await readyz(server);
          return answer.status === 503 && answer;
        },
        10_000,
        '/readyz to answer 503 while migrating',
      );
      expect(during.body).toEqual({ status: 'not_ready', reason: 'migrations running' });
    } finally {
      open();
      await migrating;
      await rm(folder, { recursive: true });
    }
    expect(await readyz(server)).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('is not ready once its database is gone, and says so', async () => {
    const own = await openTestDatabase();
    const other = await serve('probe-closed', own);
    try {
      expect((await readyz(other)).status).toBe(200);
      await own.close();
      const answer = await until(
        async () => {
          const state = await readyz(other);
          return state.status === 503 && state;
        },
        10_000,
        '/readyz to answer 503 after the database closed',
      );
      expect(answer.body).toMatchObject({ status: 'not_ready', reason: 'database unreachable' });
      expect((await fetch(`${base(other)}/healthz`)).status).toBe(200);
      expect(sample(await metricsOf(other), 'argus_ready', { part: 'probe-closed' })).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('is not ready when its PostgreSQL server cannot be reached', async () => {
    const port = await freePort();
    const unreachable = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/argus`, dataDir: '' });
    const other = await serve('probe-unreachable', unreachable);
    try {
      const answer = await readyz(other);
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        status: 'not_ready',
        reason: 'database unreachable',
        detail: 'connection refused or lost',
      });
      expect(JSON.stringify(answer.body)).not.toContain(String(port));
    } finally {
      await other.close();
      await unreachable.close();
    }
  });
});

describe('who may read /metrics', () => {
  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const server = await serve('probe-token', undefined, metricsConfig({ METRICS_TOKEN: TOKEN }));
    try {
      const none = await fetch(`${base(server)}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await fetch(`${base(server)}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).not.toContain('argus_http_requests_total');
      const text = await metricsOf(server, { authorization: `Bearer ${TOKEN}` });
      expect(sample(text, 'argus_http_requests_total', { operation: '/metrics', status: '401' })).toBe(2);
      // readiness stays open to probes
      expect((await readyz(server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('is off in production unless a token is set, and refuses METRICS=true there without one', async () => {
    const production = metricsConfig({ NODE_ENV: 'production' });
    expect(production).toEqual({ enabled: false, token: undefined });
    expect(metricsConfig({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN })).toEqual({ enabled: true, token: TOKEN });
    expect(() => metricsConfig({ NODE_ENV: 'production', METRICS: 'true' })).toThrow(/METRICS_TOKEN/);
    expect(() => metricsConfig({ METRICS_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(metricsConfig({})).toEqual({ enabled: true, token: undefined });

    const server = await serve('probe-off', undefined, production);
    try {
      const res = await fetch(`${base(server)}/metrics`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('argus_');
      expect((await readyz(server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
