import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, TestStack, type TestUser } from '../support/stack.js';

interface Entry {
  id: string;
  action_type: string;
  user_id: number;
  organization_id: number;
  created_at: string;
  meta: Record<string, unknown>;
}
type Member = TestUser & { token: string };

const DAY_MS = 86_400_000;

let stack: TestStack;
let orgA: { id: number; name: string };
let orgB: { id: number; name: string };
let adminA: Member;
let adminB: Member;
let backdated: Entry;

const admin = () => ({ token: stack.adminToken });

async function list(
  token: string,
  query: Record<string, string | number | boolean | (string | number)[] | undefined> = {},
): Promise<Entry[]> {
  const res = await stack.rest('GET', '/auditlogs', { token, query: { limit: 1000, ...query } });
  expectSpec(res, 200);
  expect(res.body.pagination.cursor ?? null).toBeNull();
  return res.body.auditlogs;
}

beforeAll(async () => {
  stack = await TestStack.start();
  [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  for (let i = 0; i < 12; i += 1) {
    const res = await stack.rest('POST', '/groups', {
      token: adminA.token,
      json: { name: `A group ${i}`, description: 'd' },
    });
    expect(res.status).toBe(200);
  }
  const groupB = await stack.rest('POST', '/groups', {
    token: adminB.token,
    json: { name: 'B group', description: 'd' },
  });
  const update = await stack.rest('PUT', `/groups/${groupB.body.id}`, {
    token: adminB.token,
    json: { name: 'B group renamed', description: 'd' },
  });
  expect(update.status).toBe(200);
  // an entry from two days ago, which the default period (the last 24 hours) leaves out
  const [renamed] = await list(adminB.token, { action_types: ['group_update'] });
  backdated = renamed!;
  await stack.database.db
    .withSchema('identity')
    .updateTable('audit_logs')
    .set({ created_at: new Date(Date.now() - 2 * DAY_MS) })
    .where('id', '=', backdated.id)
    .execute();
});

afterAll(() => stack?.stop());

describe('GET /auditlogs (1.1)', () => {
  it('gives the entries of the last 24 hours, newest first, in the contract shape', async () => {
    const entries = await list(stack.adminToken);
    expect(entries.length).toBeGreaterThan(15);
    const times = entries.map((e) => Date.parse(e.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times.every((t) => t >= Date.now() - DAY_MS)).toBe(true);
    expect(entries.map((e) => e.id)).not.toContain(backdated.id);
  });

  it('orders by created_at ascending or descending', async () => {
    const ascending = await list(stack.adminToken, { order_by: 'created_at' });
    const descending = await list(stack.adminToken, { order_by: '-created_at' });
    const times = ascending.map((e) => Date.parse(e.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(ascending.map((e) => e.id)).toEqual(descending.map((e) => e.id).reverse());
  });

  it('filters by user_ids and action_types', async () => {
    const byA = await list(stack.adminToken, { user_ids: [adminA.id] });
    expect(byA.length).toBeGreaterThanOrEqual(13);
    expect(byA.every((e) => e.user_id === adminA.id)).toBe(true);

    const both = await list(stack.adminToken, { user_ids: [adminA.id, adminB.id], action_types: ['group_create'] });
    expect(both.filter((e) => e.user_id === adminA.id)).toHaveLength(12);
    expect(both.filter((e) => e.user_id === adminB.id)).toHaveLength(1);
    expect(both.every((e) => e.action_type === 'group_create')).toBe(true);

    const logins = await list(stack.adminToken, {
      user_ids: [adminA.id],
      action_types: ['user_login', 'group_update'],
    });
    expect(logins.map((e) => e.action_type)).toEqual(['user_login']);
  });

  it('honours an explicit period', async () => {
    const past = await list(stack.adminToken, {
      created_at_from: new Date(Date.now() - 3 * DAY_MS).toISOString(),
      created_at_to: new Date(Date.now() - DAY_MS).toISOString(),
    });
    expect(past.map((e) => e.id)).toEqual([backdated.id]);
    const future = await list(stack.adminToken, {
      created_at_from: new Date(Date.now() + DAY_MS).toISOString(),
      created_at_to: new Date(Date.now() + 2 * DAY_MS).toISOString(),
    });
    expect(future).toEqual([]);
  });

  it('lets a superuser pick an organization_id and confines everyone else to theirs', async () => {
    const ofB = await list(stack.adminToken, { organization_id: orgB.id });
    expect(ofB.length).toBeGreaterThan(0);
    expect(ofB.every((e) => e.organization_id === orgB.id)).toBe(true);
    const seenByA = await list(adminA.token);
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((e) => e.organization_id === orgA.id)).toBe(true);
    expect(await list(adminA.token, { organization_id: orgA.id })).toEqual(seenByA);
  });

  it('walks every page with limit 10 and the cursor, without repeats or gaps', async () => {
    const all = await list(stack.adminToken);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const res = await stack.rest('GET', '/auditlogs', { ...admin(), query: { limit: 10, cursor } });
      expectSpec(res, 200);
      expect(res.body.auditlogs.length).toBeLessThanOrEqual(10);
      seen.push(...res.body.auditlogs.map((e: Entry) => e.id));
      cursor = res.body.pagination.cursor ?? undefined;
      if (!cursor) break;
      expect(res.body.auditlogs).toHaveLength(10);
    }
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(all.map((e) => e.id));
  });
});

describe('GET /auditlogs/{auditlog_id} (1.2)', () => {
  it('gives one entry as the list does', async () => {
    const [entry] = await list(stack.adminToken, { user_ids: [adminA.id], action_types: ['group_create'] });
    const res = await stack.rest('GET', `/auditlogs/${entry!.id}`, admin());
    expectSpec(res, 200);
    expect(res.body).toEqual(entry);
    expect(res.body).toMatchObject({
      action_type: 'group_create',
      user_id: adminA.id,
      user_email: adminA.email,
      organization_id: orgA.id,
      organization_name: orgA.name,
      client_ip: '127.0.0.1',
    });
    expectSpec(await stack.rest('GET', `/auditlogs/${entry!.id}`, { token: adminA.token }), 200);
    expectSpec(
      await stack.rest('GET', `/auditlogs/${entry!.id}`, { ...admin(), query: { organization_id: orgA.id } }),
      200,
    );
  });

  it("answers 404 for another organization's entry, an organization_id that does not match and an unknown id", async () => {
    const [entryOfB] = await list(stack.adminToken, { user_ids: [adminB.id], action_types: ['group_create'] });
    for (const [token, query, id] of [
      [adminA.token, {}, entryOfB!.id],
      [stack.adminToken, { organization_id: orgA.id }, entryOfB!.id],
      [stack.adminToken, {}, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await stack.rest('GET', `/auditlogs/${id}`, { token, query });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectSpec(await stack.rest('GET', `/auditlogs/${backdated.id}`, { token: adminB.token }), 200);
  });
});
