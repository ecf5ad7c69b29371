import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@argus/core';
import { buildApp as buildIdentity, identityConfig, type IdentityApp } from '@argus/identity';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, routerConfig, type RouterApp } from './app.js';
import { openTestDatabase } from '../../test/support/database.js';

/**
 * What the router and a subgraph expose in production (no introspection, no GraphiQL unless
 * enabled), CORS on the router, and the operation limits of a subgraph reached directly.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'argus-exposure-'));
const env = {
  ARGUS_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ADMIN_PASSWORD: 'secret-pass',
  IDENTITY_PORT: '0',
  ROUTER_PORT: '0',
  NODE_ENV: 'production',
};
const APP_ORIGIN = 'https://app.example.com';
const INTROSPECTION = '{ __schema { queryType { name } } }';
const nested = (levels: number) =>
  `{ organization(id: 1) { ${'members { nodes { organization { '.repeat(levels)} id ${'} } } '.repeat(levels)} } }`;

let database: Database;
let identity: IdentityApp;
let identityUrl: string;
const routers: { app: RouterApp; url: string }[] = [];

async function startRouter(extra: Record<string, string>): Promise<string> {
  const app = buildApp(routerConfig({ ...env, ...extra }), { subgraphs: [{ name: 'identity', url: identityUrl }] });
  const { url } = await app.start();
  routers.push({ app, url });
  return url;
}

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[] },
  };
}

const graphiqlPage = (url: string) =>
  fetch(url, { headers: { accept: 'text/html' } }).then(async (r) => ({ status: r.status, text: await r.text() }));

let closedRouter: string;
let openRouter: string;
/** a subgraph reached directly answers only callers with a valid bearer token */
let bearer: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  identity = buildIdentity(identityConfig(env), { database });
  ({ url: identityUrl } = await identity.start());
  closedRouter = await startRouter({ CORS_ORIGINS: `${APP_ORIGIN}, http://localhost:5173` });
  openRouter = await startRouter({ GRAPHIQL: 'true', GRAPHQL_INTROSPECTION: 'true' });
  const signIn = 'mutation { createToken(username: "admin@argus.local", password: "secret-pass") { accessToken } }';
  bearer = {
    authorization: `Bearer ${(await post(closedRouter, signIn)).body.data.createToken.accessToken as string}`,
  };
}, 120_000);

afterAll(async () => {
  for (const router of routers) await router.app.stop();
  await identity?.stop();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('with NODE_ENV=production', () => {
  it('refuses introspection and serves no GraphiQL on the router and a subgraph', async () => {
    for (const url of [closedRouter, identityUrl]) {
      const res = await post(url, INTROSPECTION, bearer);
      expect(res.body.data, url).toBeUndefined();
      expect(res.body.errors?.[0]?.message).toMatch(/introspection has been disabled/i);
      expect((await graphiqlPage(url)).text).not.toMatch(/graphiql/i);
      const typo = await post(url, '{ helo { message } }', bearer);
      expect(typo.body.errors?.[0]?.message).toMatch(/helo/);
      expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    }
    expect((await post(closedRouter, '{ hello { message } }')).body.data?.hello.message).toBe('Hello from Argus');
  });

  it('serves both when GRAPHIQL and GRAPHQL_INTROSPECTION are true', async () => {
    expect((await post(openRouter, INTROSPECTION)).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    expect(await graphiqlPage(openRouter)).toMatchObject({ status: 200, text: expect.stringMatching(/graphiql/i) });
  });
});

describe('CORS on the router', () => {
  it('allows the listed origins, without credentials', async () => {
    const res = await post(closedRouter, '{ hello { message } }', { origin: APP_ORIGIN });
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(closedRouter, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('answers other origins without CORS headers, and every origin when none is listed', async () => {
    for (const [url, origin] of [
      [closedRouter, 'https://evil.example'],
      [closedRouter, 'null'],
      [openRouter, APP_ORIGIN],
      [identityUrl, APP_ORIGIN],
    ] as const) {
      const res = await post(url, '{ hello { message } }', { origin, ...bearer });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), `${url} ${origin}`).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('operation limits of a subgraph reached directly', () => {
  it('answers 400 over HTTP before running the operation', async () => {
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: hello { message }`).join(' ')} }`;
    const costly =
      '{ organizations(first: 1000) { nodes { members(first: 1000) { nodes { organization { ' +
      'groups(first: 1000) { nodes { id } } } } } } } }';
    const cases: [string, RegExp][] = [
      [nested(12), /^Query depth limit of 15 exceeded/],
      [aliases, /^Aliases limit of 30 exceeded/],
      [`{ hello { ${'message '.repeat(2000)} } }`, /^Token limit of 1000 exceeded/],
      [costly, /^Query cost limit of 25000000 exceeded/],
    ];
    for (const [query, message] of cases) {
      const res = await post(identityUrl, query, bearer);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { message: expect.stringMatching(message), extensions: { code: 'OPERATION_LIMIT_EXCEEDED' } },
      ]);
    }
  });

  it('answers the errors over WebSocket and keeps the socket open', async () => {
    const client = createClient({
      url: identityUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: bearer,
    });
    try {
      const run = async (query: string) => {
        const results: unknown[] = [];
        for await (const result of client.iterate({ query })) results.push(result);
        return results;
      };
      await expect(run(nested(12))).rejects.toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^Query depth limit of 15 exceeded/) }),
      ]);
      await expect(run(`{ hello { ${'message '.repeat(2000)} } }`)).rejects.toEqual([
        expect.objectContaining({ message: 'Token limit of 1000 exceeded.' }),
      ]);
      expect(await run('{ hello { message } }')).toEqual([{ data: { hello: { message: 'Hello from Argus' } } }]);
    } finally {
      await client.dispose();
    }
  });
});
