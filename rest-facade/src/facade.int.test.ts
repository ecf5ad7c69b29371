import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeAnonymous, VIEWER_HEADER } from '@argus/core';
import { buildApp as buildIdentity, identityConfig, type IdentityApp } from '@argus/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/database.js';
import { buildApp, restFacadeConfig, type RestFacadeApp } from './app.js';

/**
 * The facade against the identity subgraph alone, over real HTTP, through a stand-in for the router
 * that signs anonymous callers as the router does (a subgraph answers no unsigned anonymous call).
 * Group routes (6.1–6.9, 9.7) select Group.placeCount from topology and need the router stack.
 */

const INTERNAL_KEY = 'i'.repeat(48);

async function startSigningProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {
        'content-type': String(req.headers['content-type'] ?? 'application/json'),
      };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      else headers[VIEWER_HEADER] = encodeAnonymous(INTERNAL_KEY);
      fetch(target, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const ADMIN = { username: 'admin@argus.local', password: 'secret-pass' };

describe('REST facade over the identity subgraph', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let identity: IdentityApp;
  let proxy: Server;
  let facade: RestFacadeApp;
  let base: string;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    identity = buildIdentity(
      {
        ...identityConfig({
          IDENTITY_PORT: '0',
          ADMIN_PASSWORD: ADMIN.password,
          LOG_LEVEL: 'silent',
          GRAPHIQL: 'false',
          ARGUS_TOKEN_SIGNING_KEY: 'k'.repeat(48),
          ARGUS_INTERNAL_KEY: INTERNAL_KEY,
        }),
        database: { dataDir: 'memory://' },
      },
      { database },
    );
    // Kysely's migrator imports the migration files with Node's import(): tsx reads them for that step
    const { url: identityUrl } = await identity.start();
    const signing = await startSigningProxy(identityUrl);
    proxy = signing.server;
    facade = buildApp(restFacadeConfig({ REST_PORT: '0', ROUTER_URL: signing.url, LOG_LEVEL: 'silent' }));
    base = (await facade.start()).url;
  });

  afterAll(async () => {
    await facade?.stop();
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await identity?.stop();
    await database?.close();
  });

  const call = async (method: string, path: string, body?: unknown, auth: string | null = token) => {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${auth}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const newUser = (n: number) => ({
    first_name: `User${n}`,
    last_name: 'Test',
    email: `user${n}@example.com`,
    password: 'long-password',
    group_ids: [],
    role_id: 2,
  });

  it('logs in with the OAuth2 password form', async () => {
    const response = await fetch(`${base}/api/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', ...ADMIN }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number) });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    token = body.access_token as string;
  });

  it('answers 401 for bad credentials, 422 for a missing password', async () => {
    expect(await call('POST', '/api/v1/token', { username: ADMIN.username, password: 'wrong' }, null)).toMatchObject({
      status: 401,
      body: { status: 'token_invalid_credentials', status_code: 401 },
    });
    expect(await call('POST', '/api/v1/token', { username: ADMIN.username }, null)).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['body', 'password'], type: 'value_error.missing' }] },
    });
  });

  it('returns the signed-in user with permissions on /users/me', async () => {
    const me = await call('GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: ADMIN.username,
      is_superuser: true,
      organization_name: expect.any(String),
      groups: [],
    });
    expect(me.body.permissions).toContain('user_create');
  });

  it('creates a user', async () => {
    const created = await call('POST', '/api/v1/users', newUser(0));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      first_name: 'User0',
      last_name: 'Test',
      email: 'user0@example.com',
      role_id: 2,
      groups: [],
      is_superuser: false,
      avatar_id: null,
    });
    expect(created.body).not.toHaveProperty('permissions');
    expect(await call('POST', '/api/v1/users', newUser(0))).toMatchObject({
      status: 400,
      body: { status: 'invalid_request', status_code: 400 },
    });
  });

  it.each([
    ['limit 5', 'GET', '/api/v1/users?limit=5', undefined, ['query', 'limit'], 'value_error.number.not_ge'],
    ['limit 5000', 'GET', '/api/v1/users?limit=5000', undefined, ['query', 'limit'], 'value_error.number.not_le'],
    ['a malformed id', 'GET', '/api/v1/users/abc', undefined, ['path', 'user_id'], 'type_error.integer'],
    [
      'a missing field',
      'POST',
      '/api/v1/users',
      { ...newUser(90), first_name: undefined },
      ['body', 'first_name'],
      'value_error.missing',
    ],
    [
      'a too long first_name',
      'POST',
      '/api/v1/users',
      { ...newUser(91), first_name: 'x'.repeat(33) },
      ['body', 'first_name'],
      'value_error.any_str.max_length',
    ],
    [
      'a wrong type',
      'POST',
      '/api/v1/users',
      { ...newUser(92), role_id: 'two' },
      ['body', 'role_id'],
      'type_error.integer',
    ],
    [
      'a wrong type in a list',
      'POST',
      '/api/v1/users',
      { ...newUser(93), group_ids: ['a'] },
      ['body', 'group_ids', 0],
      'type_error.integer',
    ],
    ['invalid JSON', 'POST', '/api/v1/users', '{"first_name":', ['body'], 'value_error.jsondecode'],
  ])('answers 422 for %s', async (_name, method, path, body, loc, type) => {
    const response = await call(method, path, body);
    expect(response.status).toBe(422);
    expect(response.body.detail).toEqual([expect.objectContaining({ loc, type, msg: expect.any(String) })]);
  });

  it('answers 401 without a token and with a garbage token', async () => {
    const without = await call('GET', '/api/v1/users/me', undefined, null);
    expect(without).toMatchObject({ status: 401, body: { status: 'token_invalid_credentials', status_code: 401 } });
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect(await call('GET', '/api/v1/users/me', undefined, 'garbage')).toMatchObject({
      status: 401,
      body: { status: 'token_invalid_credentials' },
    });
  });

  it('answers 404 for an unknown user', async () => {
    expect(await call('GET', '/api/v1/users/999999')).toEqual({
      status: 404,
      body: { status: 'not_found', status_code: 404, detail: 'User not found' },
      headers: expect.anything(),
    });
  });

  it('walks every page of 25 users with limit 10, without repeats or gaps', async () => {
    const existing = (await call('GET', '/api/v1/users?limit=1000')).body.users.length as number;
    const created = await Promise.all(
      Array.from({ length: 25 - existing }, (_, i) => call('POST', '/api/v1/users', newUser(i + 1))),
    );
    expect(created.map((r) => r.status)).toEqual(created.map(() => 200));
    const all = (await call('GET', '/api/v1/users?limit=1000')).body.users.map((u: { id: number }) => u.id) as number[];
    expect(all).toHaveLength(25);

    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=10&cursor=${encodeURIComponent(cursor)}` : 'limit=10';
      const page = await call('GET', `/api/v1/users?${query}`);
      expect(page.status).toBe(200);
      pages.push(page.body.users.map((u: { id: number }) => u.id));
      cursor = page.body.pagination.cursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(all);
    expect(new Set(pages.flat()).size).toBe(25);
  });

  it('records the client address through x-forwarded-for', async () => {
    const logs = await call('GET', '/api/v1/auditlogs?action_types=user_login&order_by=-created_at');
    expect(logs.status).toBe(200);
    expect(logs.body.auditlogs[0]).toMatchObject({
      action_type: 'user_login',
      user_email: ADMIN.username,
      client_ip: '127.0.0.1',
    });
    expect(await call('GET', `/api/v1/auditlogs/${logs.body.auditlogs[0].id}`)).toMatchObject({
      status: 200,
      body: { id: logs.body.auditlogs[0].id },
    });
  });

  it('refreshes and revokes tokens', async () => {
    const login = await call('POST', '/api/v1/token', ADMIN, null);
    const refreshed = await call(
      'POST',
      '/api/v1/token/refresh',
      { grant_type: 'refresh_token', refresh_token: login.body.refresh_token },
      null,
    );
    expect(refreshed).toMatchObject({ status: 200, body: { token_type: 'bearer' } });
    expect(
      await call('POST', '/api/v1/token/refresh', { refresh_token: login.body.refresh_token }, null),
    ).toMatchObject({
      status: 400,
      body: { status: 'token_refresh_error', status_code: 400 },
    });
    const revoked = await call('POST', '/api/v1/token/revoke', { token: refreshed.body.access_token }, null);
    expect(revoked).toMatchObject({ status: 204, body: undefined });
    expect((await call('GET', '/api/v1/users/me', undefined, refreshed.body.access_token)).status).toBe(401);
    expect(await call('POST', '/api/v1/token/revoke', { token: 'junk' }, null)).toMatchObject({
      status: 400,
      body: { status: 'token_revoke_error' },
    });
  });

  it('answers hello without a token', async () => {
    expect(await call('GET', '/api/v1/hello', undefined, null)).toMatchObject({
      status: 200,
      body: { message: expect.any(String), version: expect.any(String) },
    });
  });

  it('answers 401 without a token before validating an operation of another part', async () => {
    expect((await call('GET', '/api/v1/events', undefined, null)).status).toBe(401);
  });

  it('serves the contract and its Swagger UI', async () => {
    const contract = await call('GET', '/openapi.json', undefined, null);
    expect(contract.status).toBe(200);
    expect(contract.body.openapi).toBe('3.1.0');
    expect(contract.body.components.securitySchemes.OAuth2PasswordBearer.flows.password.tokenUrl).toBe('/api/v1/token');
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(await (await fetch(`${base}/docs/swagger-initializer.js`)).text()).toContain("url: '/openapi.json'");
  });
});
