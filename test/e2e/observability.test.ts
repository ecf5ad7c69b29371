import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack, type TestUser } from '../support/stack.js';
import { freePort } from '../support/waiting.js';

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

const TOKEN = 'e2e-metrics-token-0123456789';

describe('operators’ endpoints of every part of the all-in-one stack', () => {
  let stack: TestStack;
  let engineUrl: string;
  let parts: Record<string, string>;
  let users: (TestUser & { token: string })[];

  beforeAll(async () => {
    const enginePort = await freePort();
    stack = await TestStack.start({
      mediaEngine: true,
      env: { MEDIA_ENGINE_PORT: String(enginePort), METRICS_TOKEN: TOKEN },
    });
    engineUrl = `http://127.0.0.1:${enginePort}`;
    const origin = (url: string) => url.replace(/\/graphql$/, '');
    parts = {
      'rest-facade': stack.restUrl,
      router: origin(stack.routerUrl),
      identity: origin(stack.subgraphs.identity),
      topology: origin(stack.subgraphs.topology),
      watchlists: origin(stack.subgraphs.watchlists),
      media: origin(stack.subgraphs.media),
      'media-engine': engineUrl,
    };
    const [first, second] = [await stack.createOrganization(), await stack.createOrganization()];
    users = [await stack.member(first.id, 'operator'), await stack.member(second.id, 'viewer')];
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const metrics = async (part: string): Promise<string> => {
    const res = await fetch(`${parts[part]}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status, part).toBe(200);
    return res.text();
  };

  it('every part is ready, and its metrics ask for the token', async () => {
    for (const [part, url] of Object.entries(parts)) {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, part).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      expect((await fetch(`${url}/metrics`)).status, part).toBe(401);
      expect((await fetch(`${url}/healthz`)).status, part).toBe(200);
    }
  });

  it('counts REST calls by operationId, GraphQL calls by operation name, in each part’s own series', async () => {
    for (const user of users) {
      const me = await stack.rest('GET', '/users/me', { token: user.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(user.id);
    }
    expect((await stack.rest('GET', '/users/me')).status).toBe(401);
    const named = await stack.gql('query WhoAmI { viewer { id } }', undefined, users[0]!.token);
    expect(named.body.data.viewer.id).toBe(users[0]!.id);
    // refused by validation: still named after its document
    const refused = await stack.gql('query NoSuchField { nope }', undefined, users[0]!.token);
    expect(refused.body.errors).toHaveLength(1);

    const facade = await metrics('rest-facade');
    expect(sample(facade, 'argus_http_requests_total', { operation: 'getCurrentUser', status: '200' })).toBe(2);
    expect(sample(facade, 'argus_http_requests_total', { operation: 'getCurrentUser', status: '401' })).toBe(1);
    expect(sample(facade, 'argus_http_request_duration_seconds_count', { operation: 'getCurrentUser' })).toBe(3);

    const router = await metrics('router');
    expect(sample(router, 'argus_http_requests_total', { part: 'router', operation: 'WhoAmI', status: '200' })).toBe(1);
    expect(sample(router, 'argus_http_requests_total', { part: 'router', operation: 'NoSuchField' })).toBe(1);
    // the facade's document for GET /users/me, and the router's calls to identity
    expect(router).toMatch(/^argus_http_requests_total\{operation="getCurrentUser",status="200",part="router"\} 2$/m);
    expect(
      sample(router, 'graphql_gateway_subgraph_execute_duration_seconds_count', {
        subgraphName: 'identity',
        operationType: 'query',
      }),
    ).toBeGreaterThanOrEqual(3);

    const identity = await metrics('identity');
    expect(sample(identity, 'argus_http_requests_total', { part: 'identity', status: '200' })).toBeGreaterThan(0);
    // a part serves only its own series
    expect(identity).not.toContain('part="router"');
    expect(facade).not.toContain('part="identity"');

    // no caller's identity in any part's metrics
    for (const part of Object.keys(parts)) {
      const text = await metrics(part);
      for (const user of users) {
        expect(text).not.toContain(user.email);
        expect(text).not.toContain(user.token);
      }
    }
  });

  it('serves process, database and media engine metrics', async () => {
    for (const part of Object.keys(parts)) {
      const text = await metrics(part);
      expect(text, part).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
      expect(sample(text, 'argus_ready', { part }), part).toBe(1);
    }
    const identity = await metrics('identity');
    const inUse =
      sample(identity, 'argus_db_pool_connections', { part: 'identity' }) ??
      sample(identity, 'argus_db_queries_in_flight', { part: 'identity' });
    expect(inUse).toBeDefined();

    const engine = await metrics('media-engine');
    expect(sample(engine, 'argus_media_engine_cameras', { part: 'media-engine' })).toBe(0);
    expect(sample(engine, 'argus_media_engine_recording_lag_seconds', { part: 'media-engine' })).toBe(0);
    expect(engine).toContain('# TYPE argus_media_engine_ffmpeg_restarts_total counter');
    const status = await fetch(`${engineUrl}/status`);
    expect(status.status).toBe(200);
    const after = await metrics('media-engine');
    expect(sample(after, 'argus_http_requests_total', { operation: '/status', status: '200' })).toBe(1);
  });
});
