import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../support/stack.js';
import { freePort } from '../support/waiting.js';
import { raw } from './support/raw.js';

/**
 * Operations too costly to run — deep, wide, aliased, fragment-heavy — answered 400 before they
 * run, fast, through the router and on a subgraph's own port; the process keeps serving.
 */

let stack: TestStack;
let identityUrl: string;

beforeAll(async () => {
  const port = await freePort();
  stack = await TestStack.start({ env: { IDENTITY_PORT: String(port) } });
  identityUrl = `http://127.0.0.1:${port}/graphql`;
});

afterAll(() => stack?.stop());

/** viewer { role { members { role { members … } } } } nested `levels` times. */
function deep(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i += 1) inner = i % 2 === 0 ? `members { ${inner} }` : `role { ${inner} }`;
  return `query Deep { viewer { role { ${inner} } } }`;
}

/** Twenty fragments each spreading the next twice: 2^20 fields once expanded. */
function fragmentBomb(): string {
  const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on User { id ...F${i + 1} ...F${i + 1} }`);
  fragments.push('fragment F20 on User { email }');
  return `query Bomb { viewer { ...F0 } } ${fragments.join(' ')}`;
}

const OPERATIONS: [string, string][] = [
  ['deep (60 levels)', deep(60)],
  ['wide (4000 fields)', `query Wide { viewer { ${'id '.repeat(4000)} } }`],
  [
    'aliased (500 aliases)',
    `query Aliased { ${Array.from({ length: 500 }, (_, i) => `a${i}: viewer { id email }`).join(' ')} }`,
  ],
  ['fragment-heavy (2^20 fields)', fragmentBomb()],
  ['many directives (200)', `query Directives { viewer { id ${'@include(if: true) '.repeat(200)} } }`],
  [
    'costly pages (1000 × 1000 × 1000)',
    'query Pages { users(first: 1000) { nodes { organization { members(first: 1000) { nodes { ' +
      'organization { members(first: 1000) { nodes { id email } } } } } } } } }',
  ],
];

async function timed(url: string, query: string, token?: string): Promise<{ status: number; body: any; ms: number }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const started = performance.now();
  const answer = await raw(url, 'POST', headers, JSON.stringify({ query }));
  return { status: answer.status, body: answer.body, ms: performance.now() - started };
}

async function expectServing(url: string): Promise<void> {
  const answer = await timed(url, '{ hello { message } }', stack.adminToken);
  expect(answer.status, `${url} after a refused operation: ${JSON.stringify(answer.body)}`).toBe(200);
  const rest = await raw(`${stack.restUrl}/api/v1/hello`, 'GET', {});
  expect(rest.status).toBe(200);
}

describe.each([
  ['through the router', () => stack.routerUrl],
  ["on the identity subgraph's port", () => identityUrl],
])('%s', (_, urlOf) => {
  it.each(OPERATIONS)('refuses %s with 400 within 100 ms', async (what, query) => {
    await timed(urlOf(), '{ hello { message } }', stack.adminToken);
    // the fastest of five, so that one pause of a shared machine does not decide
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await timed(urlOf(), query, stack.adminToken));
    for (const answer of answers) {
      expect(answer.status, `${what}: ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(400);
      expect(answer.body?.data ?? null, what).toBeNull();
      expect(answer.body?.errors?.length, what).toBeGreaterThan(0);
    }
    const fastest = Math.min(...answers.map((a) => a.ms));
    expect(fastest, `${what}: fastest of five answers in ms`).toBeLessThan(100);
    await expectServing(urlOf());
  });

  it('still runs an ordinary operation', async () => {
    const answer = await timed(
      urlOf(),
      'query Ordinary { viewer { id email role { name members { id } } } }',
      stack.adminToken,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.data.viewer.email).toBe('admin@argus.local');
  });
});

describe("a subgraph's own port without a caller", () => {
  it('answers no entity to a request without a token', async () => {
    const query = 'query { _entities(representations: [{ __typename: "User", id: 1 }]) { ... on User { id email } } }';
    const answer = await timed(identityUrl, query);
    expect(JSON.stringify(answer.body), `_entities without a token → ${answer.status}`).not.toContain(
      'admin@argus.local',
    );
    expect([400, 401, 403], `_entities without a token → ${answer.status} ${JSON.stringify(answer.body)}`).toContain(
      answer.status,
    );
  });

  it('answers no viewer to a request without a token', async () => {
    const answer = await timed(identityUrl, '{ viewer { id email } }');
    expect(answer.body?.data?.viewer ?? null, JSON.stringify(answer.body)).toBeNull();
    expect(JSON.stringify(answer.body?.errors ?? []), JSON.stringify(answer.body)).toContain('UNAUTHENTICATED');
  });
});
