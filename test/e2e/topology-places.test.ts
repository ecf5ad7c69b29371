import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import { auditActions, createCamera, createPlace, METRES_PER_DEGREE, walkPages } from './topology-fixtures.js';

type Member = TestUser & { token: string };

let stack: TestStack;
let org: { id: number };
let admin: Member;
let viewer: Member;

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  [admin, viewer] = await Promise.all([stack.member(org.id, 'administrator'), stack.member(org.id, 'viewer')]);
});

afterAll(() => stack?.stop());

describe('places (12.1–12.6)', () => {
  it('creates, reads, updates and deletes a place, writing the audit log', async () => {
    const created = await stack.rest('POST', '/places', {
      token: admin.token,
      json: { name: 'Warehouse North', description: 'Dock 4', latitude: 52.52, longitude: 13.405 },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      name: 'Warehouse North',
      description: 'Dock 4',
      latitude: 52.52,
      longitude: 13.405,
      id: expect.any(Number),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      plan_count: 0,
      camera_count: 0,
    });
    const id = created.body.id;

    const read = await stack.rest('GET', `/places/${id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);

    const updated = await stack.rest('PUT', `/places/${id}`, { token: admin.token, json: { name: 'Warehouse South' } });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({
      id,
      name: 'Warehouse South',
      description: null,
      latitude: null,
      longitude: null,
    });

    const deleted = await stack.rest('DELETE', `/places/${id}`, { token: admin.token });
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    const gone = await stack.rest('GET', `/places/${id}`, { token: admin.token });
    expectSpec(gone, 404);
    expect(gone.body).toEqual(errorBody('not_found', 404));

    const actions = await auditActions(stack, org.id, ['place_create', 'place_update', 'place_delete']);
    expect(
      actions
        .filter((e) => e.meta?.place_id === id)
        .map((e) => e.action_type)
        .sort(),
    ).toEqual(['place_create', 'place_delete', 'place_update']);
  });

  it('counts cameras, refuses to delete a place that has some (400), and lists them (12.8)', async () => {
    const place = await createPlace(stack, admin.token);
    const cameras = [
      await createCamera(stack, admin.token, place.id),
      await createCamera(stack, admin.token, place.id),
    ];
    const read = await stack.rest('GET', `/places/${place.id}`, { token: admin.token });
    expect(read.body).toMatchObject({ plan_count: 0, camera_count: 2 });

    const refused = await stack.rest('DELETE', `/places/${place.id}`, { token: admin.token });
    expectSpec(refused, 400);
    expect(refused.body).toEqual(errorBody('invalid_request', 400));

    const list = await stack.rest('GET', `/places/${place.id}/cameras`, {
      token: viewer.token,
      query: { without_plans: true },
    });
    expectSpec(list, 200);
    expect(list.body.cameras.map((c: { id: string }) => c.id).sort()).toEqual(cameras.map((c) => c.id).sort());
    expect(list.body.cameras[0]).toMatchObject({ place_id: place.id, plan_id: null, origin: null });
    expect(list.body.pagination).toEqual({ cursor: null });

    const plans = await stack.rest('GET', `/places/${place.id}/plans`, { token: viewer.token });
    expectSpec(plans, 200);
    expect(plans.body).toEqual({ pagination: { cursor: null }, plans: [] });

    for (const camera of cameras)
      expectSpec(await stack.rest('DELETE', `/cameras/${camera.id}`, { token: admin.token }), 200);
    expectSpec(await stack.rest('DELETE', `/places/${place.id}`, { token: admin.token }), 200);
  });

  it('answers 404 for unknown places and 422 for malformed ids and bodies', async () => {
    for (const [method, path] of [
      ['GET', '/places/987654'],
      ['PUT', '/places/987654'],
      ['DELETE', '/places/987654'],
      ['GET', '/places/987654/plans'],
      ['GET', '/places/987654/cameras'],
    ] as const) {
      const res = await stack.rest(method, path, {
        token: admin.token,
        json: method === 'PUT' ? { name: 'x' } : undefined,
      });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectValidation(await stack.rest('GET', '/places/abc', { token: admin.token }), ['path', 'place_id']);
    expectValidation(await stack.rest('GET', '/places/abc/cameras', { token: admin.token }), ['path', 'place_id']);
    expectValidation(await stack.rest('POST', '/places', { token: admin.token, json: { name: '' } }), ['body', 'name']);
    expectValidation(await stack.rest('POST', '/places', { token: admin.token, json: { description: 'no name' } }), [
      'body',
      'name',
    ]);
    expectValidation(
      await stack.rest('POST', '/places', { token: admin.token, json: { name: 'x', latitude: 95, longitude: 0 } }),
      ['body', 'latitude'],
    );
    expectValidation(await stack.rest('POST', '/places', { token: admin.token, json: { name: 'x', latitude: 10 } }), [
      'body',
      'longitude',
    ]);
    expectValidation(
      await stack.rest('GET', '/places', { token: admin.token, query: { latitude: 100, longitude: 0, radius: 5 } }),
      ['query', 'latitude'],
    );
    expectValidation(
      await stack.rest('GET', '/places', { token: admin.token, query: { latitude: 1, longitude: 1, radius: 0 } }),
      ['query', 'radius'],
    );
    expectSpec(await stack.rest('GET', '/places', { token: admin.token, query: { latitude: 1, longitude: 1 } }), 400);
  });

  it('takes a JSON body after a byte order mark, and refuses a number too large for a double instead of storing null', async () => {
    const post = (text: string) =>
      fetch(`${stack.restUrl}/api/v1/places`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: text,
      }).then(async (res) => ({ status: res.status, body: await res.json() }));
    const name = `bom-${randomUUID()}`;
    const withMark = await post(`\uFEFF${JSON.stringify({ name, latitude: 1.5, longitude: 2.5 })}`);
    expect(withMark.status).toBe(200);
    expect(withMark.body).toMatchObject({ name, latitude: 1.5, longitude: 2.5 });
    const huge = `huge-${randomUUID()}`;
    for (const [text, loc] of [
      [`{"name": "${huge}", "latitude": 1e999, "longitude": 0}`, ['body', 'latitude']],
      [`{"name": "${huge}", "latitude": 0, "longitude": -${'9'.repeat(400)}}`, ['body', 'longitude']],
    ] as const) {
      const refused = await post(text);
      expect(refused.status, text.slice(0, 60)).toBe(422);
      expect(refused.body).toEqual({
        detail: [{ loc, msg: 'ensure this value is a finite number', type: 'value_error.number.not_finite_number' }],
      });
    }
    const search = await stack.rest('POST', '/places/search', { token: admin.token, json: { query: huge } });
    expect(search.body.places).toEqual([]);
  });

  it('needs the permission to change places (403 for a viewer)', async () => {
    const res = await stack.rest('POST', '/places', { token: viewer.token, json: { name: 'Nope' } });
    expectSpec(res, 403);
    expect(res.body).toEqual(errorBody('unauthorized', 403));
  });
});

describe('place lists and filters (12.1, 12.3)', () => {
  it('keeps exactly the places within the great-circle radius, not a bounding box', async () => {
    const geoOrg = await stack.createOrganization();
    const geoAdmin = await stack.member(geoOrg.id, 'administrator');
    const [lat, lon, radius] = [48.8566, 2.3522, 1000];
    const dLat = (m: number) => m / METRES_PER_DEGREE;
    const dLon = (m: number) => m / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
    const at = async (name: string, latitude: number, longitude: number) =>
      (await createPlace(stack, geoAdmin.token, { name, latitude, longitude })).id;
    const centre = await at('centre', lat, lon);
    const inside = await at('999 m north', lat + dLat(999), lon);
    const outside = await at('1001 m north', lat + dLat(1001), lon);
    const insideEast = await at('995 m east', lat, lon + dLon(995));
    const corner = await at('box corner', lat + dLat(900), lon + dLon(900));
    await createPlace(stack, geoAdmin.token, { name: 'nowhere' });

    const res = await stack.rest('GET', '/places', {
      token: geoAdmin.token,
      query: { latitude: lat, longitude: lon, radius },
    });
    expectSpec(res, 200);
    const ids = res.body.places.map((p: { id: number }) => p.id);
    expect(ids.sort()).toEqual([centre, inside, insideEast].sort());
    expect(ids).not.toContain(outside);
    expect(ids).not.toContain(corner);

    const all = await stack.rest('GET', '/places', { token: geoAdmin.token });
    expect(all.body.places).toHaveLength(6);
    expect(all.body.pagination).toEqual({ cursor: null });
  });

  it('searches by case-insensitive name inclusion and filters by group', async () => {
    const group = await stack.createGroup(org.id);
    const [alpha, beta] = [
      await createPlace(stack, admin.token, { name: 'Harbour ALPHA gate' }),
      await createPlace(stack, admin.token, { name: 'harbour beta' }),
    ];
    expectSpec(
      await stack.rest('POST', `/groups/${group.id}/places`, { token: admin.token, json: { place_ids: [alpha.id] } }),
      200,
    );

    const search = await stack.rest('POST', '/places/search', { token: viewer.token, json: { query: 'HARBOUR' } });
    expectSpec(search, 200);
    expect(search.body.places.map((p: { id: number }) => p.id)).toEqual([alpha.id, beta.id]);
    const alone = await stack.rest('POST', '/places/search', {
      token: viewer.token,
      json: { query: 'harbour' },
      query: { without_groups: true },
    });
    expect(alone.body.places.map((p: { id: number }) => p.id)).toEqual([beta.id]);

    const inGroup = await stack.rest('GET', '/places', { token: viewer.token, query: { group_id: group.id } });
    expect(inGroup.body.places.map((p: { id: number }) => p.id)).toEqual([alpha.id]);
    const withoutGroups = await stack.rest('GET', '/places', { token: viewer.token, query: { without_groups: true } });
    expect(withoutGroups.body.places.map((p: { id: number }) => p.id)).toContain(beta.id);
    expect(withoutGroups.body.places.map((p: { id: number }) => p.id)).not.toContain(alpha.id);
  });

  it('walks every page of a search with limit 10, each place once', async () => {
    const pagedOrg = await stack.createOrganization();
    const pagedAdmin = await stack.member(pagedOrg.id, 'administrator');
    const ids: number[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await createPlace(stack, pagedAdmin.token, { name: `Paged ${i}` })).id);
    const walk = await walkPages(stack, pagedAdmin.token, {
      method: 'POST',
      path: '/places/search',
      key: 'places',
      json: { query: 'paged' },
    });
    expect(walk).toEqual({ ids, pages: 3 });
    expectValidation(
      await stack.rest('POST', '/places/search', {
        token: pagedAdmin.token,
        json: { query: 'x' },
        query: { limit: 5 },
      }),
      ['query', 'limit'],
    );
    expectValidation(
      await stack.rest('POST', '/places/search', {
        token: pagedAdmin.token,
        json: { query: 'x' },
        query: { cursor: 'junk' },
      }),
      ['query', 'cursor'],
    );
  });

  it('answers every topology operation (2.x, 6.10–6.12, 12.x, 13.x, 20.1) instead of 501', async () => {
    const place = await createPlace(stack, admin.token);
    const camera = '00000000-0000-4000-8000-000000000000';
    const routes = [
      'GET /cameras',
      'POST /cameras',
      'POST /cameras/search',
      `GET /cameras/${camera}`,
      `PUT /cameras/${camera}`,
      `DELETE /cameras/${camera}`,
      'GET /groups/1/places',
      'POST /groups/1/places',
      'DELETE /groups/1/places',
      'GET /places',
      'POST /places',
      'POST /places/search',
      `GET /places/${place.id}`,
      `PUT /places/${place.id}`,
      'DELETE /places/987654',
      `GET /places/${place.id}/plans`,
      `GET /places/${place.id}/cameras`,
      'GET /plans',
      'POST /plans',
      'POST /plans/search',
      'GET /plans/1',
      'PUT /plans/1',
      'DELETE /plans/1',
      'GET /plans/1/cameras',
      'POST /plans/1/cameras',
      'DELETE /plans/1/cameras',
      `PUT /plans/1/cameras/${camera}/position`,
      'GET /stats/cameras',
    ];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await stack.rest(method, path, { token: admin.token, json: method === 'GET' ? undefined : {} });
      expect(res.status, route).not.toBe(501);
      expectSpec(res, res.status);
    }
  });
});
