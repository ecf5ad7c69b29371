import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp as buildRouter, routerConfig, type RouterApp } from '@argus/router';
import { TestStack, type TestUser } from '../support/stack.js';

/**
 * Two routers on one database: the stack's (behind the REST facade) and a second one whose calls to
 * identity pass through a counting proxy. The second one answers token checks from its cache while
 * identity's change feed is up; a revocation or a viewer change made through the first one must be
 * refused or seen by the very next request through the second.
 */
const keys = {
  ARGUS_TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
  ARGUS_INTERNAL_KEY: randomBytes(32).toString('hex'),
};
const VIEWER = '{ viewer { id email permissions } }';

let stack: TestStack;
let second: RouterApp;
let secondUrl: string;
let proxy: Server;
let introspections = 0;
let dataDir: string;
let orgId: number;
const databaseUrl = () => (stack.database as { url?: string }).url;

/** Forwards every request to identity, counting token introspections. */
function countingProxy(target: string): Promise<string> {
  const { hostname, port } = new URL(target);
  proxy = createServer((req, res) => {
    if (req.url?.startsWith('/internal/introspect')) introspections += 1;
    const forward = request({ hostname, port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`)),
  );
}

beforeAll(async () => {
  stack = await TestStack.start({ env: keys });
  orgId = (await stack.createOrganization()).id;
  dataDir = await mkdtemp(path.join(tmpdir(), 'argus-router-'));
  const identity = await countingProxy(stack.subgraphs.identity);
  const subgraphs = Object.entries({ ...stack.subgraphs, identity }).map(([name, url]) => ({ name, url }));
  second = buildRouter(routerConfig({ ...keys, ARGUS_DATA_DIR: dataDir, ROUTER_PORT: '0', LOG_LEVEL: 'error' }), {
    subgraphs,
    database: stack.database,
    databaseUrl: databaseUrl(),
  });
  secondUrl = (await second.start()).url;
});

afterAll(async () => {
  await second?.stop();
  await new Promise((resolve) => proxy?.close(resolve));
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function viaSecond(token: string, query = VIEWER): Promise<{ status: number; body: any }> {
  const response = await fetch(secondUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** Until the second router answers a token from its cache (its feed proven current), at most a few tries. */
async function cachedBySecond(token: string): Promise<void> {
  await vi.waitFor(
    async () => {
      expect((await viaSecond(token)).status).toBe(200);
      const before = introspections;
      expect((await viaSecond(token)).status).toBe(200);
      expect(introspections).toBe(before);
    },
    { timeout: 5_000, interval: 20 },
  );
}

async function signIn(user: TestUser): Promise<string> {
  return (await stack.login(user.email, user.password)).access_token;
}

describe('token checks of a second router', () => {
  it('asks identity once per token, then answers from its cache', async () => {
    const user = await stack.createUser({ organizationId: orgId, role: 'operator' });
    const token = await signIn(user);
    const before = introspections;
    const first = await viaSecond(token);
    expect(first.status).toBe(200);
    expect(first.body.data.viewer.email).toBe(user.email);
    expect(introspections).toBe(before + 1);
    await cachedBySecond(token);
    const other = await stack.createUser({ organizationId: orgId, role: 'viewer' });
    const answer = await viaSecond(await signIn(other));
    expect(answer.body.data.viewer.email).toBe(other.email);
  });

  it('refuses a token revoked through the REST facade on the very next request, every time', async () => {
    const user = await stack.createUser({ organizationId: orgId, role: 'operator' });
    for (let round = 0; round < 10; round += 1) {
      const token = await signIn(user);
      await cachedBySecond(token);
      const revoked = await stack.rest('POST', '/token/revoke', { form: { token } });
      expect(revoked.status).toBe(204);
      const after = await viaSecond(token);
      expect(after.status, `round ${round}`).toBe(401);
      expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses every token of a deleted user, and sees role and permission changes on the next request', async () => {
    const user = await stack.createUser({ organizationId: orgId, role: 'operator' });
    const token = await signIn(user);
    await cachedBySecond(token);
    const operator = (await viaSecond(token)).body.data.viewer.permissions as string[];

    const changed = await stack.rest('PUT', `/users/${user.id}`, {
      token: stack.adminToken,
      json: {
        email: user.email,
        first_name: user.first_name,
        last_name: user.last_name,
        role_id: stack.roles.viewer,
        group_ids: [],
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const asViewer = (await viaSecond(token)).body.data.viewer.permissions as string[];
    const viewerRole = await stack.rest('GET', `/roles/${stack.roles.viewer}/permissions`, { token: stack.adminToken });
    expect(asViewer.sort()).toEqual([...viewerRole.body.permissions].sort());
    expect(asViewer.sort()).not.toEqual([...operator].sort());

    const role = await stack.rest('POST', '/roles', {
      token: stack.adminToken,
      json: { name: stack.unique('cached-'), description: 'changes under a cached token' },
    });
    const member = await stack.member(orgId, role.body.id);
    const grant = (permission: string) =>
      stack.rest('POST', '/permissions', { token: stack.adminToken, json: { role_id: role.body.id, permission } });
    expect((await grant('user_me_read')).status).toBe(200);
    await cachedBySecond(member.token);
    expect((await grant('user_read')).status).toBe(200);
    expect((await viaSecond(member.token)).body.data.viewer.permissions.sort()).toEqual(['user_me_read', 'user_read']);

    const deleted = await stack.rest('DELETE', `/users/${user.id}`, { token: stack.adminToken });
    expect(deleted.status).toBe(200);
    expect((await viaSecond(token)).status).toBe(401);
  });

  it.runIf(process.env.DATABASE_URL)(
    'asks identity again when its change feed is lost, and caches again once it is back',
    async () => {
      const user = await stack.createUser({ organizationId: orgId, role: 'operator' });
      const token = await signIn(user);
      await cachedBySecond(token);
      const admin = new pg.Client({ connectionString: databaseUrl() });
      await admin.connect();
      try {
        const feeds = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and application_name = 'argus-router-viewer-feed'`,
        );
        expect(feeds.rowCount).toBeGreaterThanOrEqual(2);
        const revoked = await stack.rest('POST', '/token/revoke', { form: { token } });
        expect(revoked.status).toBe(204);
        const before = introspections;
        expect((await viaSecond(token)).status).toBe(401);
        expect(introspections).toBe(before + 1);
        await cachedBySecond(await signIn(user));
      } finally {
        await admin.end();
      }
    },
  );
});
