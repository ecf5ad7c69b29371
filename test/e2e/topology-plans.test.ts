import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import {
  auditActions,
  createCamera,
  createPlace,
  expectNoSecrets,
  fullCamera,
  planImage,
  walkPages,
} from './topology-fixtures.js';

type Member = TestUser & { token: string };

let stack: TestStack;
let org: { id: number };
let admin: Member;
let viewer: Member;
let place: Record<string, any>;
let otherPlace: Record<string, any>;

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  [admin, viewer] = await Promise.all([stack.member(org.id, 'administrator'), stack.member(org.id, 'viewer')]);
  place = await createPlace(stack, admin.token, { name: 'Terminal 1' });
  otherPlace = await createPlace(stack, admin.token, { name: 'Terminal 2' });
});

afterAll(() => stack?.stop());

async function createPlan(placeId: number, name = stack.unique('Plan ')): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/plans', {
    token: admin.token,
    json: { name, place_id: placeId, image_id: await planImage(stack, admin.token) },
  });
  expectSpec(res, 200);
  return res.body;
}

describe('plans (13.1–13.6, 12.7)', () => {
  it('creates, reads, searches, updates and deletes a plan, counting it on its place', async () => {
    const image = await planImage(stack, admin.token);
    const created = await stack.rest('POST', '/plans', {
      token: admin.token,
      json: { name: 'Ground FLOOR', place_id: place.id, image_id: image },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      name: 'Ground FLOOR',
      place_id: place.id,
      image_id: image,
      id: expect.any(Number),
      image_url: `/api/v1/uploads/${image}/content`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const id = created.body.id;

    const read = await stack.rest('GET', `/plans/${id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);
    expect((await stack.rest('GET', `/places/${place.id}`, { token: viewer.token })).body.plan_count).toBe(1);
    const ofPlace = await stack.rest('GET', `/places/${place.id}/plans`, { token: viewer.token });
    expectSpec(ofPlace, 200);
    expect(ofPlace.body).toEqual({ pagination: { cursor: null }, plans: [created.body] });

    const search = await stack.rest('POST', '/plans/search', { token: viewer.token, json: { query: 'ground floor' } });
    expectSpec(search, 200);
    expect(search.body.plans.map((p: { id: number }) => p.id)).toEqual([id]);

    const refused = await stack.rest('DELETE', `/places/${place.id}`, { token: admin.token });
    expectSpec(refused, 400);
    expect(refused.body).toEqual(errorBody('invalid_request', 400));

    const updated = await stack.rest('PUT', `/plans/${id}`, {
      token: admin.token,
      json: { name: 'First floor', place_id: otherPlace.id, image_id: image },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({ id, name: 'First floor', place_id: otherPlace.id });

    expectSpec(await stack.rest('DELETE', `/plans/${id}`, { token: admin.token }), 200);
    expectSpec(await stack.rest('GET', `/plans/${id}`, { token: admin.token }), 404);
    const actions = await auditActions(stack, org.id, ['plan_create', 'plan_update', 'plan_delete']);
    expect(
      actions
        .filter((e) => e.meta?.plan_id === id)
        .map((e) => e.action_type)
        .sort(),
    ).toEqual(['plan_create', 'plan_delete', 'plan_update']);
  });

  it('refuses an image that is no plan upload and a place that does not exist (400)', async () => {
    const noImage = await stack.rest('POST', '/plans', {
      token: admin.token,
      json: { name: 'P', place_id: place.id, image_id: 'no-such-upload' },
    });
    expectSpec(noImage, 400);
    expect(noImage.body).toEqual(errorBody('invalid_request', 400));
    const image = await planImage(stack, admin.token);
    expectSpec(
      await stack.rest('POST', '/plans', {
        token: admin.token,
        json: { name: 'P', place_id: 987654, image_id: image },
      }),
      400,
    );
  });

  it('answers 404 for unknown plans and 422 for malformed ids and bodies', async () => {
    const camera = '00000000-0000-4000-8000-000000000000';
    const calls = [
      ['GET', '/plans/987654'],
      ['PUT', '/plans/987654', { name: 'x', place_id: place.id, image_id: 'i' }],
      ['DELETE', '/plans/987654'],
      ['GET', '/plans/987654/cameras'],
      ['PUT', `/plans/987654/cameras/${camera}/position`, { x: 0.5, y: 0.5 }],
    ] as const;
    for (const [method, path, json] of calls) {
      const res = await stack.rest(method, path, { token: admin.token, json });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    // the spec's prose: adding to or removing from a plan that does not exist is a 400
    expectSpec(
      await stack.rest('POST', '/plans/987654/cameras', { token: admin.token, json: { camera_ids: [camera] } }),
      400,
    );
    expectSpec(
      await stack.rest('DELETE', '/plans/987654/cameras', { token: admin.token, json: { camera_ids: [camera] } }),
      400,
    );
    expectValidation(await stack.rest('GET', '/plans/x1', { token: admin.token }), ['path', 'plan_id']);
    expectValidation(
      await stack.rest('PUT', '/plans/1/cameras/not-a-uuid/position', { token: admin.token, json: { x: 0, y: 0 } }),
      ['path', 'camera_id'],
    );
    expectValidation(
      await stack.rest('POST', '/plans', { token: admin.token, json: { name: 'P', place_id: place.id } }),
      ['body', 'image_id'],
    );
    expectValidation(await stack.rest('POST', '/plans/1/cameras', { token: admin.token, json: {} }), [
      'body',
      'camera_ids',
    ]);
  });
});

describe('cameras on plans (13.7–13.10)', () => {
  it('adds cameras of its place, positions them, and refuses what the spec refuses', async () => {
    const plan = await createPlan(place.id);
    const [a, b, c] = [
      await createCamera(stack, admin.token, place.id, fullCamera(place.id, 'A')),
      await createCamera(stack, admin.token, place.id),
      await createCamera(stack, admin.token, place.id),
    ];
    const elsewhere = await createCamera(stack, admin.token, otherPlace.id);
    const add = (ids: string[]) =>
      stack.rest('POST', `/plans/${plan.id}/cameras`, { token: admin.token, json: { camera_ids: ids } });

    const added = await add([a.id, b.id]);
    expectSpec(added, 200);
    expect(added.body).toEqual({ status: 'ok' });
    for (const ids of [[a.id], [elsewhere.id], ['00000000-0000-4000-8000-000000000000'], ['junk']]) {
      const res = await add(ids);
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }

    const list = await stack.rest('GET', `/plans/${plan.id}/cameras`, { token: viewer.token });
    expectSpec(list, 200);
    expectNoSecrets(list);
    expect(list.body.cameras.map((row: { camera_id: string }) => row.camera_id).sort()).toEqual([a.id, b.id].sort());
    expect(list.body.cameras.find((row: { id: string }) => row.id === a.id)).toMatchObject({
      id: a.id,
      camera_id: a.id,
      plan_id: plan.id,
      x: null,
      y: null,
      name: 'A',
      place_id: place.id,
      source: { has_password: true },
    });

    const moved = await stack.rest('PUT', `/plans/${plan.id}/cameras/${a.id}/position`, {
      token: admin.token,
      json: { x: 0.25, y: 0.75 },
    });
    expectSpec(moved, 200);
    expect(moved.body).toEqual({ x: 0.25, y: 0.75, camera_id: a.id, plan_id: plan.id });
    expectValidation(
      await stack.rest('PUT', `/plans/${plan.id}/cameras/${a.id}/position`, {
        token: admin.token,
        json: { x: 1.5, y: 0 },
      }),
      ['body', 'x'],
    );
    const notOnPlan = await stack.rest('PUT', `/plans/${plan.id}/cameras/${c.id}/position`, {
      token: admin.token,
      json: { x: 0.5, y: 0.5 },
    });
    expectSpec(notOnPlan, 400);
    expect(notOnPlan.body).toEqual(errorBody('invalid_request', 400));

    const origin = await stack.rest('GET', `/cameras/${a.id}`, { token: viewer.token, query: { with_origin: true } });
    expect(origin.body).toMatchObject({
      plan_id: plan.id,
      origin: { plan_id: plan.id, plan_name: plan.name, place_id: place.id, place_name: 'Terminal 1' },
    });
    const free = await stack.rest('GET', `/places/${place.id}/cameras`, {
      token: viewer.token,
      query: { without_plans: true },
    });
    expect(free.body.cameras.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const onPlan = await stack.rest('GET', `/places/${place.id}/cameras`, { token: viewer.token });
    expect(onPlan.body.cameras.find((x: { id: string }) => x.id === a.id)).toMatchObject({ plan_id: plan.id });

    const busy = await stack.rest('DELETE', `/plans/${plan.id}`, { token: admin.token });
    expectSpec(busy, 400);
    expect(busy.body).toEqual(errorBody('invalid_request', 400));

    // deleting a camera takes it off its plan first
    expectSpec(await stack.rest('DELETE', `/cameras/${b.id}`, { token: admin.token }), 200);
    const removed = await stack.rest('DELETE', `/plans/${plan.id}/cameras`, {
      token: admin.token,
      json: { camera_ids: [a.id, c.id] },
    });
    expectSpec(removed, 200);
    expect((await stack.rest('GET', `/plans/${plan.id}/cameras`, { token: viewer.token })).body.cameras).toEqual([]);
    expectSpec(await stack.rest('DELETE', `/plans/${plan.id}`, { token: admin.token }), 200);

    const actions = await auditActions(stack, org.id, [
      'plan_camera_create',
      'plan_camera_update',
      'plan_camera_delete',
      'camera_delete',
    ]);
    const ofPlan = actions
      .filter((e) => e.meta?.plan_id === plan.id)
      .map((e) => e.action_type)
      .sort();
    expect(ofPlan).toEqual(['camera_delete', 'plan_camera_create', 'plan_camera_delete', 'plan_camera_update']);
  });

  it("walks every page of a plan's cameras and of the plans", async () => {
    const pagedPlace = await createPlace(stack, admin.token);
    const plan = await createPlan(pagedPlace.id);
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push((await createCamera(stack, admin.token, pagedPlace.id)).id);
    expectSpec(
      await stack.rest('POST', `/plans/${plan.id}/cameras`, { token: admin.token, json: { camera_ids: ids } }),
      200,
    );
    const walk = await walkPages(stack, viewer.token, { path: `/plans/${plan.id}/cameras`, key: 'cameras' });
    const oldestFirst = (
      await stack.rest('GET', `/places/${pagedPlace.id}/cameras`, { token: viewer.token, query: { limit: 1000 } })
    ).body.cameras.map((c: { id: string }) => c.id);
    expect([...oldestFirst].sort()).toEqual([...ids].sort());
    expect(walk).toEqual({ ids: oldestFirst, pages: 2 });

    const planIds = [plan.id];
    for (let i = 0; i < 10; i += 1) planIds.push((await createPlan(pagedPlace.id)).id);
    expect(await walkPages(stack, viewer.token, { path: `/places/${pagedPlace.id}/plans`, key: 'plans' })).toEqual({
      ids: planIds,
      pages: 2,
    });
    const all = await walkPages(stack, viewer.token, { path: '/plans', key: 'plans' });
    expect(all.ids).toEqual(expect.arrayContaining(planIds));
    expect(new Set(all.ids).size).toBe(all.ids.length);
  });
});

describe('concurrent changes', () => {
  it('answer 400 where checks were overtaken by another request, never 500', async () => {
    const token = admin.token;
    const groups = await Promise.all([0, 1, 2].map(() => stack.createGroup(org.id)));
    const racePlace = await createPlace(stack, token);
    const plans = [await createPlan(racePlace.id), await createPlan(racePlace.id), await createPlan(racePlace.id)];
    for (let round = 0; round < 4; round += 1) {
      const target = await createPlace(stack, token);
      const grouped = await Promise.all(
        groups.map((g) => stack.rest('POST', `/groups/${g.id}/places`, { token, json: { place_ids: [target.id] } })),
      );
      expect(grouped.map((r) => r.status).sort()).toEqual([200, 400, 400]);

      const camera = await createCamera(stack, token, racePlace.id);
      const placed = await Promise.all(
        plans.map((p) => stack.rest('POST', `/plans/${p.id}/cameras`, { token, json: { camera_ids: [camera.id] } })),
      );
      expect(placed.map((r) => r.status).sort()).toEqual([200, 400, 400]);

      const doomed = await createPlace(stack, token);
      const [deleted, created] = await Promise.all([
        stack.rest('DELETE', `/places/${doomed.id}`, { token }),
        stack.rest('POST', '/cameras', {
          token,
          json: { name: 'Late', place_id: doomed.id, source: { url: 'rtsp://h/1' } },
        }),
      ]);
      expect([deleted.status, created.status].sort()).toEqual([200, 400]);
      for (const res of [...grouped, ...placed, deleted, created].filter((r) => r.status === 400)) expectSpec(res, 400);
    }
  });
});
