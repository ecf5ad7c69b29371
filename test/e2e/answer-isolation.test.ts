import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack, type RoleName, type TestUser } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';

/**
 * Identical requests of different callers in flight at the same time: every caller gets its
 * own answer, through the REST facade and through the router, with either query planner.
 */

type Caller = { name: string; token: string };

const IN_FLIGHT = 10;
const ROUNDS = 50;
/** 500 requests per test on a shared 2-core machine */
const ROUND_TIMEOUT_MS = 240_000;
const VIEWER = '{ viewer { id email organizationId roleId } }';
const CROSS_SUBGRAPH = `{
  viewer { id email groups { id name placeCount } }
  places(first: 50) { nodes { id name organizationId group { id name organization { id name } } } }
}`;

/** Sends ROUNDS × IN_FLIGHT requests, callers interleaved in each round; fails on one answer not the caller's. */
async function expectOwnAnswers(
  callers: Caller[],
  expected: Map<string, string>,
  send: (c: Caller) => Promise<string>,
) {
  const crossed: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const batch = Array.from({ length: IN_FLIGHT }, (_, i) => callers[(i + round) % callers.length]!);
    const answers = await Promise.all(batch.map(send));
    answers.forEach((answer, i) => {
      if (answer !== expected.get(batch[i]!.name)) crossed.push(`round ${round}: ${batch[i]!.name} got ${answer}`);
    });
  }
  expect(crossed.slice(0, 3), `${crossed.length} of ${ROUNDS * IN_FLIGHT} answers crossed callers`).toEqual([]);
}

describe.each(['rust', 'js'] as const)('answers never cross callers (%s planner)', (planner) => {
  let stack: TestStack;
  let callers: Caller[];

  async function member(
    name: string,
    organizationId: number,
    role: RoleName,
    groupId?: number,
  ): Promise<Caller & TestUser> {
    const user = await stack.createUser({ organizationId, role, groupIds: groupId ? [groupId] : [] });
    return { ...user, name, token: (await stack.login(user.email, user.password)).access_token };
  }

  const restMe = async (caller: Caller) =>
    JSON.stringify((await stack.rest('GET', '/users/me', { token: caller.token })).body);
  const graphql = (query: string) => async (caller: Caller) =>
    JSON.stringify((await stack.gql(query, undefined, caller.token)).body);

  /** Each caller's answer asked alone; the callers' answers all differ, so a crossed one shows. */
  async function baseline(send: (caller: Caller) => Promise<string>): Promise<Map<string, string>> {
    const answers = new Map<string, string>();
    for (const caller of callers) answers.set(caller.name, await send(caller));
    expect(new Set(answers.values()).size).toBe(callers.length);
    for (const answer of answers.values()) expect(answer).not.toMatch(/"errors"|"status_code"/);
    return answers;
  }

  beforeAll(async () => {
    stack = await TestStack.start({ env: { ROUTER_QUERY_PLANNER: planner } });
    const [orgA, orgB] = [await stack.createOrganization(), await stack.createOrganization()];
    const [groupA, groupB] = [await stack.createGroup(orgA.id), await stack.createGroup(orgB.id)];
    const adminA = await member('administrator A', orgA.id, 'administrator');
    const operatorB = await member('operator B', orgB.id, 'operator', groupB.id);
    const viewerA = await member('viewer A', orgA.id, 'viewer', groupA.id);
    const adminB = await member('administrator B', orgB.id, 'administrator');
    for (const [admin, group] of [
      [adminA, groupA],
      [adminB, groupB],
    ] as const) {
      const place = await createPlace(stack, admin.token);
      await createPlace(stack, admin.token);
      const linked = await stack.rest('POST', `/groups/${group.id}/places`, {
        token: admin.token,
        json: { place_ids: [place.id] },
      });
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    }
    callers = [adminA, operatorB, viewerA, { name: 'superuser', token: stack.adminToken }];
  }, 180_000);

  afterAll(() => stack?.stop());

  it(
    'GET /api/v1/users/me through the REST facade',
    async () => {
      await expectOwnAnswers(callers, await baseline(restMe), restMe);
    },
    ROUND_TIMEOUT_MS,
  );

  it(
    'the same GraphQL document through the router',
    async () => {
      const send = graphql(VIEWER);
      await expectOwnAnswers(callers, await baseline(send), send);
    },
    ROUND_TIMEOUT_MS,
  );

  it(
    'a query joining identity and topology through the router',
    async () => {
      const send = graphql(CROSS_SUBGRAPH);
      await expectOwnAnswers(callers, await baseline(send), send);
    },
    ROUND_TIMEOUT_MS,
  );
});
