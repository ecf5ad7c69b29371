import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeViewer, identityClients, type Database, type GraphqlServer, type Viewer } from '@argus/core';
import { buildApp as buildIdentity, identityConfig, type IdentityApp } from '@argus/identity';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, routerConfig, type RouterApp, type SubgraphHandler } from './app.js';
import { openTestDatabase } from '../../test/support/database.js';
import { startProbeSubgraph } from '../test/probe-subgraph.js';

/**
 * A router calling its subgraphs in-process (each subgraph's `handle`) against one calling them
 * over HTTP, on the same identity subgraph and probe subgraph; and the router's own in-process
 * entry (`fetch`) against its port.
 */
const ADMIN = { email: 'admin@argus.local', password: 'secret-pass' };
const dataDir = mkdtempSync(path.join(tmpdir(), 'argus-router-in-process-'));
const env = {
  ARGUS_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ADMIN_PASSWORD: ADMIN.password,
  IDENTITY_PORT: '0',
  ROUTER_PORT: '0',
};

interface Answer {
  status: number;
  requestId: string | null;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

let database: Database;
let identity: IdentityApp;
let identityEntry: { url: string; handle: SubgraphHandler };
let probe: GraphqlServer;
let overHttp: { app: RouterApp; url: string };
let inProcess: { app: RouterApp; url: string };
/** subgraph requests the in-process router handed to each handler */
const handled = { identity: 0, probe: 0 };
let internalKey: string;
let adminToken: string;
const users: { email: string; organizationId: number; token: string }[] = [];

function graphqlInit(
  query: string,
  options: { token?: string; variables?: object; headers?: Record<string, string>; operationName?: string } = {},
): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
  };
}

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    body: (await response.json()) as Answer['body'],
  };
}

/** Over the router's port. */
async function overPort(url: string, query: string, options?: Parameters<typeof graphqlInit>[1]): Promise<Answer> {
  return answerOf(await fetch(url, graphqlInit(query, options)));
}

/** Through the router's in-process entry. */
async function throughFetch(router: RouterApp, query: string, options?: Parameters<typeof graphqlInit>[1]) {
  return answerOf(await router.fetch(new Request('http://router.invalid/graphql', graphqlInit(query, options))));
}

async function mutate(query: string, variables: object, token = adminToken): Promise<any> {
  const { body } = await overPort(overHttp.url, query, { token, variables });
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

async function createToken(username: string, password: string): Promise<string> {
  const token = await mutate(
    'mutation($u: String!, $p: String!) { createToken(username: $u, password: $p) { accessToken } }',
    { u: username, p: password },
    '',
  );
  return token.accessToken as string;
}

function counting(name: keyof typeof handled, handler: SubgraphHandler): SubgraphHandler {
  return (request) => {
    handled[name] += 1;
    return handler(request);
  };
}

beforeAll(async () => {
  const config = identityConfig(env);
  internalKey = config.internalKey;
  database = await openTestDatabase();
  identity = buildIdentity(config, { database });
  identityEntry = await identity.start();
  probe = await startProbeSubgraph(internalKey);
  const subgraphs = [
    { name: 'identity', url: identityEntry.url },
    { name: 'probe', url: probe.url },
  ];
  const start = async (app: RouterApp) => ({ app, url: (await app.start()).url });
  overHttp = await start(buildApp(routerConfig(env), { subgraphs }));
  inProcess = await start(
    buildApp(routerConfig(env), {
      subgraphs,
      subgraphFetch: {
        [identityEntry.url]: counting('identity', identityEntry.handle),
        [probe.url]: counting('probe', probe.handle),
      },
    }),
  );
  adminToken = await createToken(ADMIN.email, ADMIN.password);
  const roles = (await mutate('{ roles { id name } }', {})) as { id: number; name: string }[];
  const operator = roles.find((role) => role.name === 'operator')!;
  for (const tag of ['alpha', 'bravo']) {
    const organization = await mutate(
      'mutation($input: OrganizationInput!) { createOrganization(input: $input) { ... on Organization { id } } }',
      { input: { name: `Org ${tag}`, description: 'in-process test' } },
    );
    const email = `${tag}@example.com`;
    const input = { firstName: tag, lastName: 'User', email, password: `${tag}-long-password`, groupIds: [] };
    await mutate(
      'mutation($input: UserInput!, $org: Int) { createUser(input: $input, organizationId: $org) { ... on User { id } } }',
      { input: { ...input, roleId: operator.id }, org: organization.id },
    );
    users.push({ email, organizationId: organization.id, token: await createToken(email, input.password) });
  }
}, 120_000);

afterAll(async () => {
  await inProcess?.app.stop();
  await overHttp?.app.stop();
  await probe?.close();
  await identity?.stop();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const CALLER = '{ viewer { id email organizationId } probe { viewerUserId clientIp requestId } }';

describe('router with in-process subgraphs', () => {
  it('answers as the router calling them over HTTP, each subgraph call through its handler', async () => {
    const before = { ...handled };
    const options = {
      token: users[0]!.token,
      headers: { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'req-in-process' },
    };
    const expected = await overPort(overHttp.url, CALLER, options);
    expect(expected.status).toBe(200);
    expect(expected.body.data?.viewer.email).toBe(users[0]!.email);
    expect(expected.body.data?.probe).toEqual({
      viewerUserId: expected.body.data?.viewer.id,
      clientIp: '203.0.113.9',
      requestId: 'req-in-process',
    });
    expect(await overPort(inProcess.url, CALLER, options)).toEqual(expected);
    expect(handled.identity).toBeGreaterThan(before.identity);
    expect(handled.probe).toBeGreaterThan(before.probe);

    const anonymous = { headers: { 'x-forwarded-for': '198.51.100.7' } };
    const query = '{ hello { message } probe { viewerUserId clientIp } }';
    const anonymousOverHttp = await overPort(overHttp.url, query, anonymous);
    expect(anonymousOverHttp.body.data?.probe).toEqual({ viewerUserId: null, clientIp: '198.51.100.7' });
    expect((await overPort(inProcess.url, query, anonymous)).body).toEqual(anonymousOverHttp.body);
  });

  it('never forwards a client-supplied x-argus-viewer', async () => {
    const forged = encodeViewer(
      { userId: 999, organizationId: 1, isSuperuser: true, roleId: 1, permissions: [], groupIds: [], tokenId: 'f' },
      internalKey,
    );
    const { body } = await overPort(inProcess.url, '{ probe { viewerUserId } }', {
      headers: { 'x-argus-viewer': forged },
    });
    expect(body.data?.probe.viewerUserId).toBeNull();
  });

  it('gives two users calling at the same time their own answers', async () => {
    const calls = Array.from({ length: 40 }, (_, i) => {
      const user = users[i % 2]!;
      const answer =
        i % 4 < 2
          ? overPort(inProcess.url, CALLER, { token: user.token })
          : throughFetch(inProcess.app, CALLER, { token: user.token });
      return answer.then((got) => ({ user, got }));
    });
    for (const { user, got } of await Promise.all(calls)) {
      expect(got.status).toBe(200);
      expect(got.body.data?.viewer).toMatchObject({ email: user.email, organizationId: user.organizationId });
      expect(got.body.data?.probe.viewerUserId).toBe(got.body.data?.viewer.id);
    }
  });

  it('passes subscriptions over WebSocket', async () => {
    const client = createClient({
      url: inProcess.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${users[1]!.token}` },
      retryAttempts: 0,
    });
    const ticks: unknown[] = [];
    for await (const result of client.iterate({ query: 'subscription { ticks(count: 2) { n user { email } } }' }))
      ticks.push(result);
    await client.dispose();
    expect(ticks).toEqual([1, 2].map((n) => ({ data: { ticks: { n, user: { email: users[1]!.email } } } })));
  });
});

describe("a subgraph's in-process entry", () => {
  const query = '{ viewer { email } }';
  const viewerOf = (token: string): Promise<Viewer> =>
    identityClients(identityEntry.url, internalKey).authenticator.authenticate(token);
  const both = async (init: RequestInit) => {
    const overHttpAnswer = await fetch(identityEntry.url, init);
    const inProcessAnswer = await identityEntry.handle(new Request(identityEntry.url, init));
    const read = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });
    return [await read(overHttpAnswer), await read(inProcessAnswer)] as const;
  };

  it('verifies the signed viewer header as over HTTP: refuses a forged, stale or absent one alike', async () => {
    const viewer = await viewerOf(users[0]!.token);
    const signed = encodeViewer(viewer, internalKey);
    const [good, goodInProcess] = await both(graphqlInit(query, { headers: { 'x-argus-viewer': signed } }));
    expect(good).toEqual({ status: 200, body: { data: { viewer: { email: users[0]!.email } } } });
    expect(goodInProcess).toEqual(good);

    const refused: Record<string, string>[] = [
      { 'x-argus-viewer': encodeViewer({ ...viewer, userId: 1 }, 'another-key'.repeat(4)) },
      { 'x-argus-viewer': `${signed.split('.')[0]}x.${signed.split('.')[1]}` },
      { 'x-argus-viewer': encodeViewer(viewer, internalKey, Date.now() - 10 * 60_000) },
      {},
    ];
    for (const headers of refused) {
      const [http, local] = await both(graphqlInit(query, { headers }));
      expect(http.status).toBe(401);
      expect(http.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(http.body.data).toBeUndefined();
      expect(local).toEqual(http);
    }
  });

  it('applies the same limits', async () => {
    const signed = { 'x-argus-viewer': encodeViewer(await viewerOf(users[1]!.token), internalKey) };
    const long = `{ viewer { ${'email '.repeat(1000)} } }`;
    const [tokens, tokensInProcess] = await both(graphqlInit(long, { headers: signed }));
    expect(tokens.body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(tokensInProcess).toEqual(tokens);
    const huge = { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body: 'x'.repeat(11e6) };
    const [tooLarge, tooLargeInProcess] = await both(huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLargeInProcess).toEqual(tooLarge);
  });

  it('counts in-process requests in the metrics by operation', async () => {
    const signed = { 'x-argus-viewer': encodeViewer(await viewerOf(users[0]!.token), internalKey) };
    const init = graphqlInit('query InProcessMetricsProbe { viewer { id } }', {
      headers: signed,
      operationName: 'InProcessMetricsProbe',
    });
    expect((await identityEntry.handle(new Request(identityEntry.url, init))).status).toBe(200);
    const metrics = await (await fetch(identityEntry.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(
      /argus_http_requests_total\{[^}]*operation="InProcessMetricsProbe"[^}]*status="200"[^}]*\} 1/,
    );
  });
});

describe("the router's in-process entry", () => {
  it('answers as its port does, request id and client address included', async () => {
    const options = {
      token: users[1]!.token,
      headers: { 'x-forwarded-for': '192.0.2.44', 'x-request-id': 'req-router-fetch' },
    };
    const expected = await overPort(inProcess.url, CALLER, options);
    expect(expected.body.data?.probe.clientIp).toBe('192.0.2.44');
    expect(await throughFetch(inProcess.app, CALLER, options)).toEqual(expected);
    const healthz = await inProcess.app.fetch(new Request('http://router.invalid/healthz'));
    expect(await healthz.json()).toEqual({ status: 'ok' });
  });

  it('refuses a bad token as its port does', async () => {
    const options = { token: 'garbage', headers: { 'x-request-id': 'req-refused' } };
    const expected = await overPort(inProcess.url, '{ hello { message } }', options);
    expect(expected.status).toBe(401);
    expect(expected.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await throughFetch(inProcess.app, '{ hello { message } }', options)).toEqual(expected);
  });

  it('counts its requests in the metrics by operation', async () => {
    const answer = await throughFetch(overHttp.app, 'query RouterFetchProbe { hello { message } }', {
      operationName: 'RouterFetchProbe',
    });
    expect(answer.status).toBe(200);
    const metrics = await (await fetch(overHttp.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/argus_http_requests_total\{[^}]*operation="RouterFetchProbe"[^}]*status="200"[^}]*\} 1/);
  });
});
