import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import { auditActions, createCamera, createPlace, planImage, walkPages } from './topology-fixtures.js';

type Member = TestUser & { token: string };
type Site = { place: Record<string, any>; camera: Record<string, any>; plan: Record<string, any> };

let stack: TestStack;
let org: { id: number };
let groupA: { id: number };
let groupB: { id: number };
let admin: Member;
let memberA: Member;
let viewer: Member;
let stranger: Member;
let a: Site;
let b: Site;
let free: Site;

const ids = (items: { id: number | string }[]) => items.map((item) => item.id);

async function site(groupId?: number): Promise<Site> {
  const place = await createPlace(stack, admin.token);
  const camera = await createCamera(stack, admin.token, place.id);
  const plan = (
    await stack.rest('POST', '/plans', {
      token: admin.token,
      json: { name: stack.unique('Plan '), place_id: place.id, image_id: await planImage(stack, admin.token) },
    })
  ).body;
  if (groupId)
    expectSpec(
      await stack.rest('POST', `/groups/${groupId}/places`, { token: admin.token, json: { place_ids: [place.id] } }),
      200,
    );
  return { place, camera, plan };
}

beforeAll(async () => {
  stack = await TestStack.start();
  const otherOrg = await stack.createOrganization();
  org = await stack.createOrganization();
  [groupA, groupB] = await Promise.all([stack.createGroup(org.id), stack.createGroup(org.id)]);
  [admin, viewer, stranger] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member(org.id, 'viewer'),
    stack.member(otherOrg.id, 'administrator'),
  ]);
  const user = await stack.createUser({ organizationId: org.id, role: 'operator', groupIds: [groupA.id] });
  memberA = { ...user, token: (await stack.login(user.email, user.password)).access_token };
  a = await site(groupA.id);
  b = await site(groupB.id);
  free = await site();
});

afterAll(() => stack?.stop());

describe('visibility across organizations', () => {
  it("hides another organization's places, plans and cameras (404) and their lists", async () => {
    const t = { token: stranger.token };
    for (const path of [
      `/places/${a.place.id}`,
      `/places/${a.place.id}/plans`,
      `/places/${a.place.id}/cameras`,
      `/plans/${a.plan.id}`,
      `/plans/${a.plan.id}/cameras`,
      `/cameras/${a.camera.id}`,
    ]) {
      const res = await stack.rest('GET', path, t);
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectSpec(await stack.rest('PUT', `/places/${a.place.id}`, { ...t, json: { name: 'Mine now' } }), 404);
    expectSpec(await stack.rest('DELETE', `/cameras/${a.camera.id}`, t), 404);
    expectSpec(await stack.rest('DELETE', `/plans/${a.plan.id}`, t), 404);
    expectSpec(await stack.rest('GET', `/groups/${groupA.id}/places`, t), 404);
    expect((await stack.rest('GET', '/places', t)).body.places).toEqual([]);
    expect((await stack.rest('GET', '/cameras', t)).body.cameras).toEqual([]);
    expect((await stack.rest('GET', '/plans', t)).body.plans).toEqual([]);
    expect((await stack.rest('GET', '/stats/cameras', t)).body).toEqual({ total_count: 0, active_count: 0 });
    const borrowed = await stack.rest('POST', '/cameras', {
      ...t,
      json: { name: 'x', place_id: a.place.id, source: { url: 'rtsp://h/1' } },
    });
    expectSpec(borrowed, 400);
    expect(borrowed.body).toEqual(errorBody('invalid_request', 400));
    expectSpec(
      await stack.rest('POST', `/groups/${groupA.id}/places`, { ...t, json: { place_ids: [b.place.id] } }),
      404,
    );
  });
});

describe('visibility within groups', () => {
  it('shows a group member only the places of their groups and what is on them', async () => {
    const t = { token: memberA.token };
    expect(ids((await stack.rest('GET', '/places', t)).body.places)).toEqual([a.place.id]);
    expect(ids((await stack.rest('GET', '/cameras', t)).body.cameras)).toEqual([a.camera.id]);
    expect(ids((await stack.rest('GET', '/plans', t)).body.plans)).toEqual([a.plan.id]);
    expect(
      ids((await stack.rest('POST', '/cameras/search', { ...t, json: { query: b.camera.id } })).body.cameras),
    ).toEqual([]);
    for (const path of [
      `/places/${b.place.id}`,
      `/places/${free.place.id}`,
      `/cameras/${b.camera.id}`,
      `/plans/${free.plan.id}`,
      `/plans/${b.plan.id}/cameras`,
    ]) {
      expectSpec(await stack.rest('GET', path, t), 404);
    }
    expectSpec(await stack.rest('GET', `/places/${a.place.id}`, t), 200);
    expectSpec(await stack.rest('GET', `/cameras/${a.camera.id}`, t), 200);
    // a group_id filter narrows further: another group's places stay invisible
    expect((await stack.rest('GET', '/places', { ...t, query: { group_id: groupB.id } })).body.places).toEqual([]);
    expect((await stack.rest('GET', '/cameras', { ...t, query: { group_id: groupB.id } })).body.cameras).toEqual([]);
    expect((await stack.rest('GET', `/groups/${groupB.id}/places`, t)).body.places).toEqual([]);
    expect((await stack.rest('GET', '/stats/cameras', t)).body).toEqual({ total_count: 1, active_count: 0 });
  });

  it('shows a member of no group everything of the organization, group filters narrowing', async () => {
    const t = { token: viewer.token };
    expect(ids((await stack.rest('GET', '/places', t)).body.places)).toEqual([a.place.id, b.place.id, free.place.id]);
    expect(ids((await stack.rest('GET', '/cameras', { ...t, query: { group_id: groupB.id } })).body.cameras)).toEqual([
      b.camera.id,
    ]);
    expect(ids((await stack.rest('GET', '/plans', { ...t, query: { group_id: groupA.id } })).body.plans)).toEqual([
      a.plan.id,
    ]);
    expect(
      ids(
        (await stack.rest('POST', '/plans/search', { ...t, json: { query: 'plan' }, query: { group_id: groupB.id } }))
          .body.plans,
      ),
    ).toEqual([b.plan.id]);
    expect((await stack.rest('GET', '/stats/cameras', t)).body).toEqual({ total_count: 3, active_count: 0 });
  });
});

describe('group places (6.10–6.12)', () => {
  it("lists a group's places with their counts and keeps the group's place_count right", async () => {
    const res = await stack.rest('GET', `/groups/${groupA.id}/places`, { token: viewer.token });
    expectSpec(res, 200);
    expect(res.body).toEqual({
      pagination: { cursor: null },
      places: [{ ...a.place, plan_count: 1, camera_count: 1, updated_at: expect.any(String) }],
    });
    const group = await stack.rest('GET', `/groups/${groupA.id}`, { token: viewer.token });
    expect(group.body.place_count).toBe(1);
  });

  it('adds and removes places, refusing places in a group, unknown or of another organization (400)', async () => {
    const extra = await createPlace(stack, admin.token);
    const strangers = await createPlace(stack, stranger.token);
    const add = (groupId: number, placeIds: number[]) =>
      stack.rest('POST', `/groups/${groupId}/places`, { token: admin.token, json: { place_ids: placeIds } });
    for (const placeIds of [[a.place.id], [b.place.id], [987654], [strangers.id], [extra.id, b.place.id]]) {
      const res = await add(groupA.id, placeIds);
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }
    expectSpec(await add(987654, [extra.id]), 404);
    const added = await add(groupA.id, [extra.id]);
    expectSpec(added, 200);
    expect(added.body).toEqual({ status: 'ok' });
    expect((await stack.rest('GET', `/groups/${groupA.id}`, { token: admin.token })).body.place_count).toBe(2);
    expect(ids((await stack.rest('GET', '/places', { token: memberA.token })).body.places)).toEqual([
      a.place.id,
      extra.id,
    ]);

    const removed = await stack.rest('DELETE', `/groups/${groupA.id}/places`, {
      token: admin.token,
      json: { place_ids: [extra.id] },
    });
    expectSpec(removed, 200);
    expect(removed.body).toEqual({ status: 'ok' });
    expect((await stack.rest('GET', `/groups/${groupA.id}`, { token: admin.token })).body.place_count).toBe(1);
    expectSpec(await stack.rest('GET', `/places/${extra.id}`, { token: memberA.token }), 404);

    const actions = await auditActions(stack, org.id, ['group_place_create', 'group_place_delete']);
    expect(
      actions
        .filter((e) => e.meta?.place_ids?.includes(extra.id))
        .map((e) => e.action_type)
        .sort(),
    ).toEqual(['group_place_create', 'group_place_delete']);
    expectValidation(await add(groupA.id, ['x' as unknown as number]), ['body', 'place_ids', 0]);
    expectValidation(await stack.rest('GET', '/groups/abc/places', { token: admin.token }), ['path', 'group_id']);
    expectValidation(await stack.rest('POST', `/groups/${groupA.id}/places`, { token: admin.token, json: {} }), [
      'body',
      'place_ids',
    ]);
  });

  it("walks every page of a group's places", async () => {
    const group = await stack.createGroup(org.id);
    const placeIds: number[] = [];
    for (let i = 0; i < 11; i += 1) placeIds.push((await createPlace(stack, admin.token)).id);
    expectSpec(
      await stack.rest('POST', `/groups/${group.id}/places`, { token: admin.token, json: { place_ids: placeIds } }),
      200,
    );
    expect(await walkPages(stack, viewer.token, { path: `/groups/${group.id}/places`, key: 'places' })).toEqual({
      ids: placeIds,
      pages: 2,
    });
    expectSpec(
      await stack.rest('DELETE', `/groups/${group.id}/places`, { token: admin.token, json: { place_ids: placeIds } }),
      200,
    );
    expectSpec(await stack.rest('DELETE', `/groups/${group.id}`, { token: admin.token }), 200);
  });
});
