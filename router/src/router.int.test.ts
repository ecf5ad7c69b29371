import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeViewer, type Database, type RunningServer } from '@argus/core';
import { buildApp as buildIdentity, identityConfig, type IdentityApp } from '@argus/identity';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, routerConfig, type QueryPlanner, type RouterApp } from './app.js';
import { openTestDatabase } from '../../test/support/database.js';
import { startProbeSubgraph } from '../test/probe-subgraph.js';

const ADMIN = { email: 'admin@argus.local', password: 'secret-pass' };
const dataDir = mkdtempSync(path.join(tmpdir(), 'argus-router-'));
const env = {
  ARGUS_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ADMIN_PASSWORD: ADMIN.password,
  IDENTITY_PORT: '0',
  ROUTER_PORT: '0',
};

interface GraphqlResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

let database: Database;
let identity: IdentityApp;
let identityUrl: string;
let probe: RunningServer;
const routers: Record<QueryPlanner, { app: RouterApp; url: string }> = {} as never;
let internalKey: string;
let adminToken: string;

async function gql(
  url: string,
  query: string,
  options: { token?: string; variables?: object; headers?: Record<string, string>; extensions?: object } = {},
): Promise<GraphqlResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables, extensions: options.extensions }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphqlResponse['body'],
  };
}

async function createToken(url: string): Promise<string> {
  const { body } = await gql(
    url,
    'mutation($u: String!, $p: String!) { createToken(username: $u, password: $p) { accessToken } }',
    {
      variables: { u: ADMIN.email, p: ADMIN.password },
    },
  );
  return body.data!.createToken.accessToken as string;
}

async function startRouter(queryPlanner: QueryPlanner, identityUrl: string): Promise<{ app: RouterApp; url: string }> {
  const app = buildApp(routerConfig({ ...env, ROUTER_QUERY_PLANNER: queryPlanner }), {
    subgraphs: [
      { name: 'identity', url: identityUrl },
      { name: 'probe', url: probe.url },
    ],
  });
  const { url } = await app.start();
  return { app, url };
}

function wsClient(httpUrl: string, token?: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

async function collect(client: Client, query: string): Promise<unknown[]> {
  const results: unknown[] = [];
  for await (const result of client.iterate({ query })) results.push(result);
  return results;
}

beforeAll(async () => {
  const config = identityConfig(env);
  internalKey = config.internalKey;
  database = await openTestDatabase();
  identity = buildIdentity(config, { database });
  ({ url: identityUrl } = await identity.start());
  probe = await startProbeSubgraph(internalKey);
  routers.rust = await startRouter('rust', identityUrl);
  routers.js = await startRouter('js', identityUrl);
  adminToken = await createToken(routers.rust.url);
}, 120_000);

afterAll(async () => {
  await routers.rust?.app.stop();
  await routers.js?.app.stop();
  await probe?.close();
  await identity?.stop();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('router over HTTP', () => {
  it('answers /healthz', async () => {
    const response = await fetch(routers.rust.url.replace('/graphql', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves hello and createToken without a token', async () => {
    const { status, body } = await gql(routers.rust.url, '{ hello { message version } }');
    expect(status).toBe(200);
    expect(body.data?.hello.message).toBe('Hello from Argus');
    expect(adminToken).toMatch(/^ey/);
  });

  it('passes the verified caller to subgraphs', async () => {
    const { body } = await gql(routers.rust.url, '{ viewer { id email } probe { viewerUserId clientIp } }', {
      token: adminToken,
      headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.viewer.email).toBe(ADMIN.email);
    // from a trusted (loopback) peer, the client is the rightmost entry: what stands left of it is a claim
    expect(body.data?.probe).toEqual({ viewerUserId: body.data?.viewer.id, clientIp: '10.0.0.1' });
    const anonymous = await gql(routers.rust.url, '{ probe { viewerUserId clientIp } }', {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(anonymous.body.data?.probe).toEqual({ viewerUserId: null, clientIp: '198.51.100.7' });
  });

  it('forwards x-request-id to subgraphs and returns it', async () => {
    const { headers, body } = await gql(routers.rust.url, '{ probe { requestId } }', {
      headers: { 'x-request-id': 'req-router-test' },
    });
    expect(body.data?.probe.requestId).toBe('req-router-test');
    expect(headers.get('x-request-id')).toBe('req-router-test');
  });

  it('never forwards a client-supplied x-argus-viewer', async () => {
    const forged = encodeViewer(
      {
        userId: 999,
        organizationId: 1,
        isSuperuser: true,
        roleId: 1,
        permissions: [],
        groupIds: [],
        tokenId: 'forged',
      },
      internalKey,
    );
    const asHeader = await gql(routers.rust.url, '{ probe { viewerUserId } }', {
      headers: { 'x-argus-viewer': forged },
    });
    expect(asHeader.body.data?.probe.viewerUserId).toBeNull();
    const asExtension = await gql(routers.js.url, '{ probe { viewerUserId } }', {
      extensions: { headers: { 'x-argus-viewer': forged } },
    });
    expect(asExtension.body.data?.probe.viewerUserId).toBeNull();
    const withToken = await gql(routers.rust.url, '{ viewer { id } probe { viewerUserId } }', {
      token: adminToken,
      headers: { 'x-argus-viewer': forged },
    });
    expect(withToken.body.data?.probe.viewerUserId).toBe(withToken.body.data?.viewer.id);
  });

  it('refuses a garbage token with 401 UNAUTHENTICATED', async () => {
    const { status, body } = await gql(routers.rust.url, '{ hello { message } }', { token: 'garbage' });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it('refuses a revoked token on the very next request', async () => {
    const token = await createToken(routers.rust.url);
    expect((await gql(routers.rust.url, '{ viewer { id } }', { token })).status).toBe(200);
    const revoked = await gql(routers.rust.url, 'mutation($t: String!) { revokeToken(token: $t) { __typename } }', {
      token,
      variables: { t: token },
    });
    expect(revoked.body.errors).toBeUndefined();
    const after = await gql(routers.rust.url, '{ viewer { id } }', { token });
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets subgraphs answer anonymous callers themselves', async () => {
    const { status, body } = await gql(routers.rust.url, '{ viewer { id } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe.each(['rust', 'js'] as const)('with the %s query planner', (planner) => {
  it('keeps subgraph error extensions unchanged', async () => {
    const input = await gql(routers[planner].url, '{ probeFailure(kind: "input") }');
    expect(input.body.errors?.[0]).toMatchObject({
      message: 'Name is too long',
      extensions: { code: 'BAD_USER_INPUT', field: ['input', 'name'], kind: 'too_long' },
    });
    const notFound = await gql(routers[planner].url, '{ probeFailure(kind: "missing") }');
    expect(notFound.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', status: 'camera_not_found' });
  });

  it('answers a query joined across subgraphs', async () => {
    const { body } = await gql(routers[planner].url, '{ viewer { id email seenBy } hello { message } }', {
      token: adminToken,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      viewer: { id: expect.any(Number), email: ADMIN.email, seenBy: body.data?.viewer.id },
      hello: { message: 'Hello from Argus' },
    });
  });

  it('passes a subscription through over graphql-ws with the caller', async () => {
    const client = wsClient(routers[planner].url, adminToken);
    try {
      // user.permissions comes from identity, which answers it to a signed-in caller only
      const events = (await collect(
        client,
        'subscription { ticks(count: 3) { n viewerUserId user { id email permissions } } }',
      )) as GraphqlResponse['body'][];
      expect(events.map((e) => e.errors)).toEqual([undefined, undefined, undefined]);
      expect(events.map((e) => e.data?.ticks.n)).toEqual([1, 2, 3]);
      const viewerId = events[0]?.data?.ticks.viewerUserId as number;
      expect(viewerId).toEqual(expect.any(Number));
      for (const event of events) {
        expect(event.data?.ticks.user).toMatchObject({ id: viewerId, email: ADMIN.email });
        expect(event.data?.ticks.user.permissions).toContain('user_read');
      }
    } finally {
      await client.dispose();
    }
  });

  it("passes a subgraph's refusal of a subscription through with its code", async () => {
    const client = wsClient(routers[planner].url, adminToken);
    try {
      const events = (await collect(client, 'subscription { refusedTicks { n } }')) as GraphqlResponse['body'][];
      expect(events).toHaveLength(1);
      expect(events[0]!.data ?? null).toBeNull();
      expect(events[0]!.errors).toEqual([
        expect.objectContaining({
          message: 'Camera not found',
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
      ]);
    } finally {
      await client.dispose();
    }
  });

  it('answers an anonymous subscription itself (every subscription needs a signed-in user), and queries anyway', async () => {
    const client = wsClient(routers[planner].url);
    try {
      const events = (await collect(
        client,
        'subscription { ticks(count: 2) { n viewerUserId user { id } } }',
      )) as GraphqlResponse['body'][];
      expect(events).toEqual([{ errors: [{ message: 'Not authenticated', extensions: { code: 'UNAUTHENTICATED' } }] }]);
      const answers = (await collect(client, '{ __typename }')) as GraphqlResponse['body'][];
      expect(answers).toEqual([{ data: { __typename: 'Query' } }]);
    } finally {
      await client.dispose();
    }
  });
});

describe('router over WebSocket', () => {
  it('closes the connection of a bad token with 4401', async () => {
    const client = wsClient(routers.rust.url, 'garbage');
    try {
      await expect(collect(client, 'subscription { ticks(count: 1) { n } }')).rejects.toMatchObject({ code: 4401 });
    } finally {
      await client.dispose();
    }
  });
});

describe('a subgraph that does not answer', () => {
  it('gives UNAVAILABLE for its fields', async () => {
    const gone = await startProbeSubgraph(internalKey);
    const app = buildApp(routerConfig(env), {
      subgraphs: [
        { name: 'identity', url: identityUrl },
        { name: 'probe', url: gone.url },
      ],
    });
    try {
      const { url } = await app.start();
      await gone.close();
      const { status, body } = await gql(url, '{ probe { requestId } }');
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    } finally {
      await app.stop();
    }
  });
});

describe('router lifecycle', () => {
  it('starts and stops repeatedly without keeping process signal handlers', async () => {
    const before = ['SIGINT', 'SIGTERM', 'exit'].map((event) => process.listenerCount(event));
    for (let round = 0; round < 2; round++) {
      const { app, url } = await startRouter('rust', identityUrl);
      const { body } = await gql(url, '{ hello { message } }');
      expect(body.data?.hello.message).toBe('Hello from Argus');
      await app.stop();
      await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
    }
    expect(['SIGINT', 'SIGTERM', 'exit'].map((event) => process.listenerCount(event))).toEqual(before);
  });
});
