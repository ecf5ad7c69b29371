import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../support/stack.js';
import { raw } from './support/raw.js';

/**
 * The GRAPHQL_MAX_* limits hold on every GraphQL port — the router and each subgraph's own — with
 * their documented defaults and with the values the environment sets: depth (≥ 30 levels included),
 * aliases, tokens, directives and the cost budget, each refused with 400 OPERATION_LIMIT_EXCEEDED
 * before it runs.
 */

type Port = 'router' | 'identity' | 'topology' | 'watchlists' | 'media';
const PORTS: readonly Port[] = ['router', 'identity', 'topology', 'watchlists', 'media'];

const urlOf = (stack: TestStack, port: Port) => (port === 'router' ? stack.routerUrl : stack.subgraphs[port]);

async function post(stack: TestStack, port: Port, query: string, variables: Record<string, unknown> = {}) {
  const answer = await raw(
    urlOf(stack, port),
    'POST',
    { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
    JSON.stringify({ query, variables }),
  );
  return answer as { status: number; body: any };
}

async function expectLimit(stack: TestStack, port: Port, query: string, message: RegExp, variables = {}) {
  const answer = await post(stack, port, query, variables);
  const shown = `${port}: ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
  expect(answer.status, shown).toBe(400);
  expect(answer.body?.data ?? null, shown).toBeNull();
  expect(answer.body?.errors, shown).toEqual([
    expect.objectContaining({
      message: expect.stringMatching(message),
      extensions: expect.objectContaining({ code: 'OPERATION_LIMIT_EXCEEDED' }),
    }),
  ]);
}

/** Fields nested `levels` deep: the depth rule counts them whatever the schema holds. */
const deep = (levels: number) => `{ ${'a { '.repeat(levels - 1)}b${' }'.repeat(levels - 1)} }`;
/** A cheap field of each port to alias (aliases of `__typename` are not counted). */
const CHEAP: Record<Port, string> = {
  router: 'hello { message }',
  identity: 'hello { message }',
  topology: 'places(first: 10) { nodes { id } }',
  watchlists: 'faces(first: 10) { nodes { id } }',
  media: 'streamServers { id }',
};
const aliasesOn = (port: Port) => (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${CHEAP[port]}`).join(' ')} }`;
const tokens = (count: number) => `{ ${'__typename '.repeat(count)}}`;
const directives = (count: number) => `{ __typename ${'@include(if: true) '.repeat(count)}}`;

const window = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() });

/** A costly page on each port, within every other limit: `first` pages of several fields. */
const PAGES: Record<Port, { query: string; variables?: () => Record<string, unknown> }> = {
  router: { query: 'query($n: Int) { users(first: $n) { nodes { id email firstName } } }' },
  identity: { query: 'query($n: Int) { users(first: $n) { nodes { id email firstName } } }' },
  topology: { query: 'query($n: Int) { places(first: $n) { nodes { id name description } } }' },
  watchlists: { query: 'query($n: Int) { faces(first: $n) { nodes { id fullName } } }' },
  media: {
    query: 'query($n: Int, $f: EventFilter!) { events(filter: $f, first: $n) { nodes { id cameraId ts } } }',
    variables: () => ({ f: window() }),
  },
};

/** Pages of 1000 inside pages of 1000 inside pages of 1000, over the default budget of 25 000 000. */
const NESTED_PAGES: Partial<Record<Port, string>> = {
  router:
    '{ organizations(first: 1000) { nodes { members(first: 1000) { nodes { organization { groups(first: 1000) { nodes { id } } } } } } } }',
  identity:
    '{ organizations(first: 1000) { nodes { members(first: 1000) { nodes { organization { groups(first: 1000) { nodes { id } } } } } } } }',
  topology:
    '{ places(first: 1000) { nodes { cameras(first: 1000) { nodes { place { plans(first: 1000) { nodes { id } } } } } } } }',
  watchlists:
    '{ faceLists(first: 1000) { nodes { faces(first: 1000) { nodes { images(first: 1000) { nodes { id } } } } } } }',
};

describe('with the documented defaults', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(() => stack?.stop());

  describe.each(PORTS)('on the %s port', (port) => {
    it('answers an operation within the limits', async () => {
      const answer = await post(stack, port, `${deep(1).replace('b', '__typename')}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    });

    it.each([16, 30, 60, 200])('refuses %i levels by depth (15), with 400', async (levels) => {
      await expectLimit(stack, port, deep(levels), /^Query depth limit of 15 exceeded, found \d+\.$/);
    });

    it('refuses 31 aliases, 1001 tokens and 21 directives', async () => {
      await expectLimit(stack, port, aliasesOn(port)(31), /^Aliases limit of 30 exceeded, found 31\.$/);
      await expectLimit(stack, port, tokens(1000), /^Token limit of 1000 exceeded\.$/);
      await expectLimit(stack, port, directives(21), /^Directives limit of 20 exceeded, found 21\.$/);
    });

    it.runIf(port in NESTED_PAGES)('refuses nested pages of 1000 by cost', async () => {
      await expectLimit(stack, port, NESTED_PAGES[port]!, /^Query cost limit of 25000000 exceeded, found \d+\.$/);
    });
  });
});

describe('with limits set in the environment', () => {
  const ENV = {
    GRAPHQL_MAX_DEPTH: '9',
    GRAPHQL_MAX_ALIASES: '5',
    GRAPHQL_MAX_TOKENS: '600',
    GRAPHQL_MAX_DIRECTIVES: '3',
    GRAPHQL_MAX_COST: '2000',
  };
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ env: ENV });
  });
  afterAll(() => stack?.stop());

  describe.each(PORTS)('on the %s port', (port) => {
    it('refuses one over each limit, and answers one at it', async () => {
      await expectLimit(stack, port, deep(10), /^Query depth limit of 9 exceeded, found 10\.$/);
      await expectLimit(stack, port, aliasesOn(port)(6), /^Aliases limit of 5 exceeded, found 6\.$/);
      await expectLimit(stack, port, tokens(600), /^Token limit of 600 exceeded\.$/);
      await expectLimit(stack, port, directives(4), /^Directives limit of 3 exceeded, found 4\.$/);
      const within = await post(stack, port, aliasesOn(port)(5));
      expect(within.status, JSON.stringify(within.body)).toBe(200);
      expect(within.body.errors, JSON.stringify(within.body)).toBeUndefined();
    });

    it('refuses a page over the cost budget and runs a smaller one', async () => {
      const { query, variables } = PAGES[port];
      await expectLimit(stack, port, query, /^Query cost limit of 2000 exceeded, found \d+\.$/, {
        ...variables?.(),
        n: 1000,
      });
      const small = await post(stack, port, query, { ...variables?.(), n: 10 });
      expect(small.status, JSON.stringify(small.body)).toBe(200);
      expect(small.body.errors, JSON.stringify(small.body)).toBeUndefined();
    });
  });
});
