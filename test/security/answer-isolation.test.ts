import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../support/stack.js';
import { roleWith, type Member } from './support/world.js';
import { DOCUMENT } from './support/contract.js';

/**
 * Two users of two organizations send the same requests at once, interleaved, through the REST
 * facade and the router: every answer is the one of the caller who asked.
 */

const ROUNDS = 60;
const CONCURRENCY = 16;

interface Caller extends Member {
  readonly place: string;
}

let stack: TestStack;
let callers: Caller[];

beforeAll(async () => {
  stack = await TestStack.start();
  const role = await roleWith(stack, DOCUMENT.components.schemas.Permission.enum as string[]);
  const orgs = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  callers = await Promise.all(
    orgs.map(async (org, i) => {
      const member = await stack.member(org.id, role);
      const place = `isolation place ${i} ${stack.unique('')}`;
      const res = await stack.rest('POST', '/places', { token: member.token, json: { name: place } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { ...member, place };
    }),
  );
});

afterAll(() => stack?.stop());

/** What a caller must see in one answer; a description of the mismatch otherwise. */
type Probe = (caller: Caller) => Promise<string | undefined>;

const probes: Record<string, Probe> = {
  'REST GET /users/me': async (caller) => {
    const res = await stack.rest('GET', '/users/me', { token: caller.token });
    return res.status === 200 && res.body.id === caller.id && res.body.email === caller.email
      ? undefined
      : `${res.status} ${JSON.stringify(res.body)}`;
  },
  'REST GET /places': async (caller) => {
    const res = await stack.rest('GET', '/places', { token: caller.token });
    const names = (res.body?.places ?? []).map((p: { name: string }) => p.name);
    return res.status === 200 && names.length === 1 && names[0] === caller.place
      ? undefined
      : `${res.status} ${JSON.stringify(res.body)}`;
  },
  'REST GET /organizations': async (caller) => {
    const res = await stack.rest('GET', '/organizations', { token: caller.token });
    const ids = (res.body?.organizations ?? []).map((o: { id: number }) => o.id);
    return res.status === 200 && ids.length === 1 && ids[0] === caller.organization_id
      ? undefined
      : `${res.status} ${JSON.stringify(res.body)}`;
  },
  'GraphQL viewer and places through the router': async (caller) => {
    const res = await stack.gql(
      'query Same { viewer { id email organizationId } places { nodes { name } } }',
      undefined,
      caller.token,
    );
    const data = res.body.data;
    const fine =
      res.status === 200 &&
      !res.body.errors &&
      data?.viewer?.id === caller.id &&
      data.viewer.organizationId === caller.organization_id &&
      data.places?.nodes?.length === 1 &&
      data.places.nodes[0].name === caller.place;
    return fine ? undefined : `${res.status} ${JSON.stringify(res.body)}`;
  },
};

describe('identical requests of two organizations at once', () => {
  it.each(Object.keys(probes))('%s: every answer is the caller’s', async (name) => {
    const probe = probes[name]!;
    const mismatches: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < ROUNDS * 2) {
        const index = next++;
        const caller = callers[index % 2]!;
        const problem = await probe(caller);
        if (problem) mismatches.push(`request ${index} as ${caller.email}: ${problem.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(mismatches).toEqual([]);
  });

  it('mixes every probe of both callers at once', async () => {
    const jobs = Array.from(
      { length: ROUNDS * 2 },
      (_, i) => [Object.keys(probes)[i % 4]!, callers[Math.floor(i / 4) % 2]!] as const,
    );
    const results = await Promise.all(
      jobs.map(async ([name, caller]) => {
        const problem = await probes[name]!(caller);
        return problem && `${name} as ${caller.email}: ${problem.slice(0, 300)}`;
      }),
    );
    expect(results.filter(Boolean)).toEqual([]);
  });
});
