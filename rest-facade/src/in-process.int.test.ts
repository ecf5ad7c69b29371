import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@argus/core';
import { buildApp as buildIdentity, identityConfig, type IdentityApp } from '@argus/identity';
import { buildApp as buildRouter, routerConfig, type RouterApp } from '@argus/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/database.js';
import { buildApp, restFacadeConfig, type RestFacadeApp } from './app.js';

/**
 * The facade calling a router in the same process through the router's `fetch` (its ROUTER_URL
 * names a port nothing listens on, so no answer can come over a socket), the router calling
 * identity in-process, against a facade calling the same router over HTTP.
 */
const ADMIN = { username: 'admin@argus.local', password: 'secret-pass' };
const dataDir = mkdtempSync(path.join(tmpdir(), 'argus-facade-in-process-'));
const env = {
  ARGUS_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  ADMIN_PASSWORD: ADMIN.password,
  IDENTITY_PORT: '0',
  ROUTER_PORT: '0',
  REST_PORT: '0',
};

describe('REST facade over a router in the same process', () => {
  let database: Database;
  let identity: IdentityApp;
  let router: RouterApp;
  const facades: Record<'overHttp' | 'inProcess', { app: RestFacadeApp; url: string }> = {} as never;
  let routerCalls = 0;

  beforeAll(async () => {
    database = await openTestDatabase();
    identity = buildIdentity(identityConfig(env), { database });
    const { url: identityUrl, handle } = await identity.start();
    router = buildRouter(routerConfig(env), {
      subgraphs: [{ name: 'identity', url: identityUrl }],
      subgraphFetch: { [identityUrl]: handle },
    });
    const { url: routerUrl } = await router.start();
    const start = async (app: RestFacadeApp) => ({ app, url: (await app.start()).url });
    facades.overHttp = await start(buildApp({ ...restFacadeConfig(env), routerUrl }));
    facades.inProcess = await start(
      buildApp(
        { ...restFacadeConfig(env), routerUrl: 'http://127.0.0.1:9/graphql' },
        {
          routerFetch: (request) => {
            routerCalls += 1;
            return router.fetch(request);
          },
        },
      ),
    );
  }, 120_000);

  afterAll(async () => {
    await facades.inProcess?.app.stop();
    await facades.overHttp?.app.stop();
    await router?.stop();
    await identity?.stop();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (facade: keyof typeof facades, apiPath: string, init: RequestInit = {}) => {
    const response = await fetch(`${facades[facade].url}/api/v1${apiPath}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers a REST call as the facade calling the router over HTTP does', async () => {
    const signIn = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', ...ADMIN }).toString(),
    };
    const tokens = await call('inProcess', '/token', signIn);
    expect(tokens.status).toBe(200);
    const authorization = { authorization: `Bearer ${tokens.body.access_token as string}` };
    const before = routerCalls;
    const me = await call('inProcess', '/users/me', { headers: authorization });
    expect(me).toMatchObject({ status: 200, body: { email: ADMIN.username } });
    expect(routerCalls).toBeGreaterThan(before);
    expect(await call('overHttp', '/users/me', { headers: authorization })).toEqual(me);
  });

  it('refuses a bad token as the facade calling the router over HTTP does', async () => {
    const headers = { authorization: 'Bearer garbage' };
    const refused = await call('inProcess', '/users/me', { headers });
    expect(refused.status).toBe(401);
    expect(await call('overHttp', '/users/me', { headers })).toEqual(refused);
  });
});
