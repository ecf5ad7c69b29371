import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack, wsExecute, type GraphqlResult } from '../support/stack.js';
import { createPlace, planImage } from './topology-fixtures.js';
import { createFace, createFaceList } from './watchlists-face-fixtures.js';
import { createPlateList } from './watchlists-plate-fixtures.js';

/**
 * Operations over the depth, alias, token, directive or cost limits are refused by the router
 * with HTTP 400 before they run, quickly, over HTTP and WebSocket, and the router keeps serving.
 */

/** `organization { members { nodes { organization { … } } } }`, `levels` times. */
export function nestedMembers(organizationId: number, levels: number): string {
  return `{ organization(id: ${organizationId}) { ${'members { nodes { organization { '.repeat(levels)} id ${'} } } '.repeat(levels)} } }`;
}

const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: hello { message }`).join(' ')} }`;
/** Fragments spreading each other twice: the document is small, its expansion doubles per fragment. */
const fragmentBomb = (count: number) =>
  [
    '{ organizations { nodes { ...F0 } } }',
    ...Array.from({ length: count }, (_, i) =>
      i + 1 < count
        ? `fragment F${i} on Organization { a: groups { nodes { organization { ...F${i + 1} } } } ` +
          `b: members { nodes { organization { ...F${i + 1} } } } }`
        : `fragment F${i} on Organization { id }`,
    ),
  ].join('\n');
/** Two fragments per level spreading both of the next level: shallow and small, 2^levels fields expanded. */
const wideFragments = (levels: number) =>
  [
    '{ viewer { ...A0 ...B0 } }',
    ...Array.from(
      { length: levels },
      (_, i) =>
        `fragment A${i} on User { ...A${i + 1} ...B${i + 1} } fragment B${i} on User { ...A${i + 1} ...B${i + 1} }`,
    ),
    `fragment A${levels} on User { id } fragment B${levels} on User { email }`,
  ].join('\n');
const HUGE_TOKENS = `{ hello { ${'message '.repeat(5000)} } }`;
const MANY_DIRECTIVES = `{ hello { message ${'@include(if: true) '.repeat(50)} } }`;
/** Within the depth limit, but pages of 1000 inside pages of 1000. */
const COSTLY =
  '{ organizations(first: 1000) { nodes { members(first: 1000) { nodes { organization { ' +
  'groups(first: 1000) { nodes { id } } } } } } } }';

/** Within this time an operation over a limit is refused (measured: a few ms; the margin is for a loaded machine). */
const QUICK_MS = 500;

describe.each(['rust', 'js'] as const)('operation limits at the router (%s planner)', (planner) => {
  let stack: TestStack;
  let organizationId: number;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { ROUTER_QUERY_PLANNER: planner } });
    organizationId = (await stack.createOrganization()).id;
    await stack.createUsers([{ organizationId }, { organizationId }]);
  }, 180_000);

  afterAll(() => stack?.stop());

  async function expectRefused(query: string, message: RegExp): Promise<GraphqlResult> {
    const started = performance.now();
    const res = await stack.gql(query, undefined, stack.adminToken);
    const elapsed = performance.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    expect(res.body.data ?? undefined).toBeUndefined();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: expect.objectContaining({ code: 'OPERATION_LIMIT_EXCEEDED' }),
      }),
    ]);
    expect(elapsed).toBeLessThan(QUICK_MS);
    return res;
  }

  it('runs a nested query within the limits', async () => {
    const res = await stack.gql(nestedMembers(organizationId, 2), undefined, stack.adminToken);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.organization.members.nodes[0].organization.members.nodes.length).toBeGreaterThanOrEqual(2);
  });

  it.each([7, 12, 40])('refuses %i levels of nested members by depth', async (levels) => {
    await expectRefused(nestedMembers(organizationId, levels), /^Query depth limit of 15 exceeded, found \d+\.$/);
  });

  it('refuses 2000 aliases (by tokens) and 31 aliases (by aliases)', async () => {
    await expectRefused(aliases(2000), /^Token limit of 1000 exceeded\.$/);
    await expectRefused(aliases(31), /^Aliases limit of 30 exceeded, found 31\.$/);
  });

  it('refuses a fragment-heavy query, a huge-token query and one with too many directives', async () => {
    await expectRefused(fragmentBomb(14), /^Query depth limit of 15 exceeded/);
    await expectRefused(wideFragments(20), /^Query cost limit of 25000000 exceeded, more than 10000 fields/);
    await expectRefused(HUGE_TOKENS, /^Token limit of 1000 exceeded\.$/);
    await expectRefused(MANY_DIRECTIVES, /^Directives limit of 20 exceeded, found 50\.$/);
  });

  it('refuses pages of 1000 nested three deep by cost, also when the page sizes are variables', async () => {
    await expectRefused(COSTLY, /^Query cost limit of 25000000 exceeded, found \d+\.$/);
    const started = performance.now();
    const variables = { a: 1000, b: 1000, c: 1000 };
    const query =
      'query($a: Int, $b: Int, $c: Int) { organizations(first: $a) { nodes { members(first: $b) { nodes { ' +
      'organization { groups(first: $c) { nodes { id } } } } } } } }';
    const res = await stack.gql(query, variables, stack.adminToken);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/^Query cost limit of 25000000 exceeded/);
    expect(performance.now() - started).toBeLessThan(QUICK_MS);
  });

  it('refuses over WebSocket the same way, and keeps serving', async () => {
    const client = stack.ws(stack.adminToken);
    for (const query of [nestedMembers(organizationId, 12), aliases(31), COSTLY]) {
      const outcome = await wsExecute(client, query);
      expect(JSON.stringify(outcome)).toMatch(/limit of \d+ exceeded/);
    }
    expect(await wsExecute(client, '{ viewer { id } }')).toMatchObject({
      data: { viewer: { id: expect.any(Number) } },
    });
  });

  it.runIf(planner === 'rust')(
    'caps the page size of every list field at every level',
    { timeout: 120_000 },
    async () => {
      const { token } = await stack.member(organizationId, 'administrator');
      const group = await stack.createGroup(organizationId);
      const place = await createPlace(stack, token);
      expect(
        (await stack.rest('POST', `/groups/${group.id}/places`, { token, json: { place_ids: [place.id] } })).status,
      ).toBe(200);
      const plan = await stack.rest('POST', '/plans', {
        token,
        json: { name: 'Plan', place_id: place.id, image_id: await planImage(stack, token) },
      });
      const [face, faceList, plateList] = [
        await createFace(stack, token),
        await createFaceList(stack, token),
        await createPlateList(stack, token),
      ];
      const page = '(first: $n) { nodes { __typename } }';
      const fields: Record<string, string> = {
        'Query.organizations': `organizations${page}`,
        'Query.users': `users${page}`,
        'Query.groups': `groups${page}`,
        'Query.auditLogs': `auditLogs${page}`,
        'Query.organizationGroups': `organizationGroups(organizationId: ${organizationId}, first: $n) { nodes { id } }`,
        'Query.organizationMembers': `organizationMembers(organizationId: ${organizationId}, first: $n) { nodes { id } }`,
        'Query.groupMembers': `groupMembers(groupId: ${group.id}, first: $n) { nodes { id } }`,
        'Organization.members': `organization(id: ${organizationId}) { members${page} }`,
        'Organization.groups': `organization(id: ${organizationId}) { groups${page} }`,
        'Group.members': `group(id: ${group.id}) { members${page} }`,
        'Group.places': `group(id: ${group.id}) { places${page} }`,
        'Query.places': `places${page}`,
        'Query.cameras': `cameras${page}`,
        'Query.plans': `plans${page}`,
        'Place.plans': `place(id: ${place.id}) { plans${page} }`,
        'Place.cameras': `place(id: ${place.id}) { cameras${page} }`,
        'Plan.cameras': `plan(id: ${plan.body.id}) { cameras${page} }`,
        'Query.faces': `faces${page}`,
        'Query.faceLists': `faceLists${page}`,
        'Query.plates': `plates${page}`,
        'Query.plateLists': `plateLists${page}`,
        'Query.faceImages': `faceImages(faceId: ${face.id}, first: $n) { nodes { id } }`,
        'Face.images': `face(id: ${face.id}) { images${page} }`,
        'FaceList.faces': `faceList(id: ${faceList.id}) { faces${page} }`,
        'PlateList.plates': `plateList(id: ${plateList.id}) { plates${page} }`,
      };
      const uncapped: string[] = [];
      for (const [field, selection] of Object.entries(fields)) {
        const within = await stack.gql(`query($n: Int) { ${selection} }`, { n: 1000 }, token);
        expect(within.body.errors, `${field} with first: 1000`).toBeUndefined();
        const over = await stack.gql(`query($n: Int) { ${selection} }`, { n: 1001 }, token);
        if (!over.body.errors?.some((e) => /between 10 and 1000/.test(e.message))) uncapped.push(field);
      }
      expect(uncapped).toEqual([]);
    },
  );

  it('keeps serving after every refusal', async () => {
    expect((await stack.rest('GET', '/hello')).status).toBe(200);
    const me = await stack.rest('GET', '/users/me', { token: stack.adminToken });
    expect(me.status).toBe(200);
    const res = await stack.gql('{ viewer { email } }', undefined, stack.adminToken);
    expect(res.body).toEqual({ data: { viewer: { email: 'admin@argus.local' } } });
  });
});
