import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack } from '../support/stack.js';
import { auditActions } from './topology-fixtures.js';
import {
  createPlate,
  createPlateList,
  errorCodes,
  gqlData,
  memberWith,
  vehicleImage,
  walkConnection,
  type Member,
} from './watchlists-plate-fixtures.js';

let stack: TestStack;
let org: { id: number };
let admin: Member;
let viewer: Member;
let stranger: Member;
/** may read plate lists but not the plates in them */
let listReader: Member;

beforeAll(async () => {
  stack = await TestStack.start();
  const [mine, other] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  org = mine;
  [admin, viewer, stranger, listReader] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member(org.id, 'viewer'),
    stack.member(other.id, 'administrator'),
    memberWith(stack, org.id, ['platelist_read', 'plate_read']),
  ]);
});

afterAll(() => stack?.stop());

const idsOf = (items: { id: number }[]) => items.map((item) => item.id);

describe('plate lists (14.1–14.5)', () => {
  it('creates, reads, lists, updates and deletes a list with its priority and plate_count, with audit entries', async () => {
    const created = await stack.rest('POST', '/platelists', {
      token: admin.token,
      json: { name: 'Stolen cars', description: 'From the police', priority: 'high' },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      name: 'Stolen cars',
      description: 'From the police',
      priority: 'high',
      id: expect.any(Number),
      plate_count: 0,
    });
    const id = created.body.id;

    const read = await stack.rest('GET', `/platelists/${id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);
    const all = await stack.rest('GET', '/platelists', { token: viewer.token });
    expectSpec(all, 200);
    expect(Object.keys(all.body)).toEqual(['platelists']);
    expect(all.body.platelists).toContainEqual(created.body);

    const plain = await createPlateList(stack, admin.token, { name: 'Visitors' });
    expect(plain).toEqual({
      name: 'Visitors',
      description: null,
      priority: null,
      id: expect.any(Number),
      plate_count: 0,
    });
    for (const [name, expected] of [
      ['Stolen cars', [id]],
      ['Visitors', [plain.id]],
      ['stolen cars', []],
      ['Stolen', []],
    ] as const) {
      const byName = await stack.rest('GET', '/platelists', { token: viewer.token, query: { name } });
      expectSpec(byName, 200);
      expect(idsOf(byName.body.platelists), name).toEqual(expected);
    }

    // PUT replaces the list: fields left out become null
    const updated = await stack.rest('PUT', `/platelists/${id}`, {
      token: admin.token,
      json: { name: 'Wanted cars', priority: 'low' },
    });
    expectSpec(updated, 200);
    expect(updated.body).toEqual({ name: 'Wanted cars', description: null, priority: 'low', id, plate_count: 0 });
    for (const priority of ['medium', null] as const) {
      const changed = await stack.rest('PUT', `/platelists/${id}`, {
        token: admin.token,
        json: { name: 'Wanted cars', description: 'd', priority },
      });
      expectSpec(changed, 200);
      expect(changed.body.priority).toBe(priority);
    }

    const deleted = await stack.rest('DELETE', `/platelists/${id}`, { token: admin.token });
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    for (const [method, path, json] of [
      ['GET', `/platelists/${id}`],
      ['PUT', `/platelists/${id}`, { name: 'x' }],
      ['DELETE', `/platelists/${id}`],
      ['GET', `/platelists/${id}/plates`],
    ] as const) {
      const res = await stack.rest(method, path, { token: admin.token, json });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }

    const actions = await auditActions(stack, org.id, ['platelist_create', 'platelist_update', 'platelist_delete']);
    const ofList = actions.filter((e) => e.meta?.platelist_id === id);
    expect(ofList.map((e) => e.action_type).sort()).toEqual([
      'platelist_create',
      'platelist_delete',
      'platelist_update',
      'platelist_update',
      'platelist_update',
    ]);
    expect(ofList.find((e) => e.action_type === 'platelist_create')).toMatchObject({
      user_id: admin.id,
      organization_id: org.id,
      meta: { name: 'Stolen cars' },
    });
  });

  it('refuses a name another list of the organization holds (400), not one of another organization', async () => {
    const first = await createPlateList(stack, admin.token, { name: 'Taxis' });
    const second = await createPlateList(stack, admin.token, { name: 'Buses' });
    const duplicate = await stack.rest('POST', '/platelists', {
      token: admin.token,
      json: { name: 'Taxis', priority: 'low' },
    });
    expectSpec(duplicate, 400);
    expect(duplicate.body).toEqual(errorBody('invalid_request', 400));
    const renamed = await stack.rest('PUT', `/platelists/${second.id}`, {
      token: admin.token,
      json: { name: 'Taxis' },
    });
    expectSpec(renamed, 400);
    expect(renamed.body).toEqual(errorBody('invalid_request', 400));
    // keeping its own name is no clash
    expectSpec(
      await stack.rest('PUT', `/platelists/${first.id}`, {
        token: admin.token,
        json: { name: 'Taxis', description: 'Licensed' },
      }),
      200,
    );
    expect((await createPlateList(stack, stranger.token, { name: 'Taxis' })).name).toBe('Taxis');
  });
});

describe('plates in lists (14.6–14.8)', () => {
  it('adds plates once, lists them, counts them, and refuses deleting a list that has plates', async () => {
    const list = await createPlateList(stack, admin.token, { priority: 'medium' });
    const image = await vehicleImage(stack, admin.token, 7);
    const [a, b] = [
      await createPlate(stack, admin.token, { number: 'LS 1', vehicle_image_id: image.id, owner_full_name: 'Ann' }),
      await createPlate(stack, admin.token, { number: 'ls-2' }),
    ];
    const add = (plateId: number) =>
      stack.rest('POST', `/platelists/${list.id}/plates/${plateId}`, { token: admin.token });

    for (const plate of [b, a]) {
      const added = await add(plate.id);
      expectSpec(added, 200);
      expect(added.body).toEqual({ status: 'ok' });
    }
    const twice = await add(a.id);
    expectSpec(twice, 400);
    expect(twice.body).toEqual(errorBody('invalid_request', 400));

    const read = await stack.rest('GET', `/platelists/${list.id}`, { token: viewer.token });
    expect(read.body).toEqual({ ...list, plate_count: 2 });
    const plates = await stack.rest('GET', `/platelists/${list.id}/plates`, { token: viewer.token });
    expectSpec(plates, 200);
    expect(plates.body).toEqual({ plates: [a, b] });

    const busy = await stack.rest('DELETE', `/platelists/${list.id}`, { token: admin.token });
    expectSpec(busy, 400);
    expect(busy.body).toEqual(errorBody('invalid_request', 400));

    const removed = await stack.rest('DELETE', `/platelists/${list.id}/plates/${a.id}`, { token: admin.token });
    expectSpec(removed, 200);
    expect(removed.body).toEqual({ status: 'ok' });
    // not in the list any more (14.7 declares 404 only)
    const again = await stack.rest('DELETE', `/platelists/${list.id}/plates/${a.id}`, { token: admin.token });
    expectSpec(again, 404);
    expect(again.body).toEqual(errorBody('not_found', 404));
    expect((await stack.rest('GET', `/platelists/${list.id}/plates`, { token: viewer.token })).body).toEqual({
      plates: [b],
    });

    // deleting a plate takes it out of its lists; the empty list can then be deleted
    expectSpec(await stack.rest('DELETE', `/plates/${b.id}`, { token: admin.token }), 200);
    expect((await stack.rest('GET', `/platelists/${list.id}`, { token: viewer.token })).body.plate_count).toBe(0);
    expect((await stack.rest('GET', `/platelists/${list.id}/plates`, { token: viewer.token })).body).toEqual({
      plates: [],
    });
    expectSpec(await stack.rest('DELETE', `/platelists/${list.id}`, { token: admin.token }), 200);

    const actions = await auditActions(stack, org.id, ['platelist_plate_create', 'platelist_plate_delete']);
    expect(
      actions
        .filter((e) => e.meta?.platelist_id === list.id)
        .map((e) => [e.action_type, e.meta.plate_id])
        .sort(),
    ).toEqual(
      [
        ['platelist_plate_create', a.id],
        ['platelist_plate_create', b.id],
        ['platelist_plate_delete', a.id],
      ].sort(),
    );
  });

  it("answers 404 for unknown lists and plates, and for another organization's plate or list", async () => {
    const list = await createPlateList(stack, admin.token);
    const plate = await createPlate(stack, admin.token);
    const theirPlate = await createPlate(stack, stranger.token);
    const theirList = await createPlateList(stack, stranger.token);
    const calls = [
      ['POST', `/platelists/987654/plates/${plate.id}`],
      ['POST', `/platelists/${list.id}/plates/987654`],
      ['POST', `/platelists/${list.id}/plates/${theirPlate.id}`],
      ['POST', `/platelists/${theirList.id}/plates/${plate.id}`],
      ['DELETE', `/platelists/987654/plates/${plate.id}`],
      ['DELETE', `/platelists/${list.id}/plates/987654`],
      ['GET', '/platelists/987654/plates'],
      ['GET', `/platelists/${theirList.id}`],
      ['GET', `/platelists/${theirList.id}/plates`],
      ['PUT', `/platelists/${theirList.id}`, { name: 'Mine now' }],
      ['DELETE', `/platelists/${theirList.id}`],
    ] as const;
    for (const [method, path, json] of calls) {
      const res = await stack.rest(method, path, { token: admin.token, json });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expect(idsOf((await stack.rest('GET', '/platelists', { token: admin.token })).body.platelists)).not.toContain(
      theirList.id,
    );
    expect((await stack.rest('GET', `/platelists/${theirList.id}`, { token: stack.adminToken })).body).toEqual(
      theirList,
    );
    expect((await stack.rest('GET', `/platelists/${list.id}`, { token: admin.token })).body.plate_count).toBe(0);
  });
});

describe('authorization', () => {
  it('answers 401 without a token on every operation', async () => {
    const calls = [
      ['GET', '/platelists'],
      ['POST', '/platelists', { name: 'n' }],
      ['GET', '/platelists/1'],
      ['PUT', '/platelists/1', { name: 'n' }],
      ['DELETE', '/platelists/1'],
      ['GET', '/platelists/1/plates'],
      ['POST', '/platelists/1/plates/1'],
      ['DELETE', '/platelists/1/plates/1'],
    ] as const;
    for (const [method, path, json] of calls) expectSpec(await stack.rest(method, path, { json }), 401);
  });

  it("lets viewers read but not change lists (403); reading a list's plates needs platelist_plate_read", async () => {
    const list = await createPlateList(stack, admin.token);
    const plate = await createPlate(stack, admin.token);
    expectSpec(await stack.rest('POST', `/platelists/${list.id}/plates/${plate.id}`, { token: admin.token }), 200);
    const calls = [
      ['POST', '/platelists', { name: stack.unique('V ') }],
      ['PUT', `/platelists/${list.id}`, { name: 'V' }],
      ['DELETE', `/platelists/${list.id}`],
      ['POST', `/platelists/${list.id}/plates/${plate.id}`],
      ['DELETE', `/platelists/${list.id}/plates/${plate.id}`],
    ] as const;
    for (const [method, path, json] of calls) {
      const res = await stack.rest(method, path, { token: viewer.token, json });
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
    expectSpec(await stack.rest('GET', `/platelists/${list.id}/plates`, { token: viewer.token }), 200);
    expectSpec(await stack.rest('GET', `/platelists/${list.id}`, { token: listReader.token }), 200);
    expectSpec(await stack.rest('GET', '/platelists', { token: listReader.token }), 200);
    const denied = await stack.rest('GET', `/platelists/${list.id}/plates`, { token: listReader.token });
    expectSpec(denied, 403);
    expect(denied.body).toEqual(errorBody('unauthorized', 403));
    expect((await stack.rest('GET', `/platelists/${list.id}`, { token: admin.token })).body.plate_count).toBe(1);
  });
});

describe('bad input (422)', () => {
  it('refuses malformed ids, missing, blank and too long names, long descriptions and unknown priorities', async () => {
    const list = await createPlateList(stack, admin.token);
    expectValidation(await stack.rest('GET', '/platelists/x1', { token: admin.token }), ['path', 'platelist_id']);
    expectValidation(await stack.rest('GET', '/platelists/99999999999/plates', { token: admin.token }), [
      'path',
      'platelist_id',
    ]);
    expectValidation(await stack.rest('POST', `/platelists/${list.id}/plates/abc`, { token: admin.token }), [
      'path',
      'plate_id',
    ]);
    expectValidation(await stack.rest('DELETE', `/platelists/${list.id}/plates/-99999999999`, { token: admin.token }), [
      'path',
      'plate_id',
    ]);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'n'.repeat(256) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'ok', description: 'd'.repeat(2049) }, 'description'],
      [{ name: 'ok', priority: 'urgent' }, 'priority'],
      [{ name: 'ok', priority: 'HIGH' }, 'priority'],
    ];
    for (const [json, field] of cases) {
      expectValidation(await stack.rest('POST', '/platelists', { token: admin.token, json }), ['body', field]);
      expectValidation(await stack.rest('PUT', `/platelists/${list.id}`, { token: admin.token, json }), [
        'body',
        field,
      ]);
    }
    expect(
      (await createPlateList(stack, admin.token, { name: 'n'.repeat(255), description: 'd'.repeat(2048) })).name,
    ).toHaveLength(255);
    expect((await stack.rest('GET', `/platelists/${list.id}`, { token: admin.token })).body).toEqual(list);
  });
});

describe('plate lists through GraphQL on the router', () => {
  const LIST = `query($id: Int!, $first: Int!, $after: String) {
    plateList(id: $id) { id name priority plateCount plates(first: $first, after: $after) { nodes { id number vehicleImageUrl } pageInfo { endCursor hasNextPage } } }
  }`;
  const LISTS = `query($first: Int!, $after: String) { plateLists(first: $first, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
  const ERROR = '__typename ... on Error { message } ... on InvalidRequestError { status }';

  it('manages a list and its plates with typed errors', async () => {
    const created = await gqlData(
      stack,
      `mutation($input: PlateListInput!) { createPlateList(input: $input) { ${ERROR} ... on PlateList { id name priority plateCount } } }`,
      { input: { name: 'GQL list', priority: 'HIGH' } },
      admin.token,
    );
    expect(created.createPlateList).toEqual({
      __typename: 'PlateList',
      id: expect.any(Number),
      name: 'GQL list',
      priority: 'HIGH',
      plateCount: 0,
    });
    const listId = created.createPlateList.id;
    const plate = await createPlate(stack, admin.token, { number: 'GQ 7' });
    const ADD = `mutation($l: Int!, $p: Int!) { addPlateListPlate(plateListId: $l, plateId: $p) { ${ERROR} ... on Ok { ok } } }`;
    expect((await gqlData(stack, ADD, { l: listId, p: plate.id }, admin.token)).addPlateListPlate).toEqual({
      __typename: 'Ok',
      ok: true,
    });
    expect((await gqlData(stack, ADD, { l: listId, p: plate.id }, admin.token)).addPlateListPlate).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.any(String),
      status: 'invalid_request',
    });
    expect((await gqlData(stack, ADD, { l: listId, p: 987654 }, admin.token)).addPlateListPlate).toMatchObject({
      __typename: 'NotFoundError',
    });
    expect(errorCodes(await stack.gql(ADD, { l: listId, p: plate.id }, viewer.token))).toEqual(['FORBIDDEN']);

    const data = await gqlData(stack, LIST, { id: listId, first: 10 }, viewer.token);
    expect(data.plateList).toEqual({
      id: listId,
      name: 'GQL list',
      priority: 'HIGH',
      plateCount: 1,
      plates: {
        nodes: [{ id: plate.id, number: 'GQ 7', vehicleImageUrl: null }],
        pageInfo: { endCursor: null, hasNextPage: false },
      },
    });
    expect((await gqlData(stack, LIST, { id: listId, first: 10 }, stranger.token)).plateList).toBeNull();
    const DELETE = `mutation($id: Int!) { deletePlateList(id: $id) { ${ERROR} ... on Ok { ok } } }`;
    expect((await gqlData(stack, DELETE, { id: listId }, admin.token)).deletePlateList).toMatchObject({
      __typename: 'InvalidRequestError',
    });
  });

  it("walks every page of a list's plates and of the lists, with the REST list answering them all at once", async () => {
    const list = await createPlateList(stack, admin.token);
    const plates: Record<string, any>[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      plates.push(
        ...(await Promise.all(
          [0, 1, 2, 3, 4].map((i) => createPlate(stack, admin.token, { number: `PL ${batch}-${i}` })),
        )),
      );
    }
    plates.sort((x, y) => x.id - y.id);
    const ids = idsOf(plates as { id: number }[]);
    for (let batch = 0; batch < ids.length; batch += 5) {
      const added = await Promise.all(
        ids
          .slice(batch, batch + 5)
          .map((id) => stack.rest('POST', `/platelists/${list.id}/plates/${id}`, { token: admin.token })),
      );
      for (const res of added) expectSpec(res, 200);
    }
    expect(await walkConnection(stack, viewer.token, LIST, { id: list.id }, (d) => d.plateList.plates)).toEqual({
      ids,
      pages: 3,
    });
    const rest = await stack.rest('GET', `/platelists/${list.id}/plates`, {
      token: viewer.token,
      query: { limit: 10 },
    });
    expectSpec(rest, 200);
    expect(rest.body).toEqual({ plates });
    expect((await stack.rest('GET', `/platelists/${list.id}`, { token: viewer.token })).body.plate_count).toBe(25);
    for (const first of [5, 5000])
      expect(errorCodes(await stack.gql(LIST, { id: list.id, first }, viewer.token))).toEqual(['BAD_USER_INPUT']);

    const lists = await walkConnection(stack, viewer.token, LISTS, {}, (d) => d.plateLists);
    const restLists = idsOf((await stack.rest('GET', '/platelists', { token: viewer.token })).body.platelists);
    expect(lists.ids).toEqual(restLists);
    expect(new Set(lists.ids).size).toBe(lists.ids.length);
    expect(lists.ids).toContain(list.id);
  });
});

describe('concurrent changes', () => {
  it('answer 200, 400 or 404 where a check was overtaken by another request, never 500', async () => {
    const statuses = new Set<number>();
    for (let round = 0; round < 4; round += 1) {
      // deleting a list while a plate is added to it
      const list = await createPlateList(stack, admin.token);
      const plate = await createPlate(stack, admin.token);
      const [deleted, added] = await Promise.all([
        stack.rest('DELETE', `/platelists/${list.id}`, { token: admin.token }),
        stack.rest('POST', `/platelists/${list.id}/plates/${plate.id}`, { token: admin.token }),
      ]);
      // whatever won, a deleted list holds no plates and a surviving one counts what it holds
      const after = await stack.rest('GET', `/platelists/${list.id}`, { token: admin.token });
      if (after.status === 200) expect(after.body.plate_count).toBe(added.status === 200 ? 1 : 0);
      else expect(deleted.status).toBe(200);
      // deleting a plate while it is added to a list
      const second = await createPlateList(stack, admin.token);
      const [gone, joined] = await Promise.all([
        stack.rest('DELETE', `/plates/${plate.id}`, { token: admin.token }),
        stack.rest('POST', `/platelists/${second.id}/plates/${plate.id}`, { token: admin.token }),
      ]);
      expect((await stack.rest('GET', `/platelists/${second.id}`, { token: admin.token })).body.plate_count).toBe(0);
      // the same plate added twice, the same number and list name created twice
      const target = await createPlateList(stack, admin.token);
      const other = await createPlate(stack, admin.token);
      const number = stack.unique('RC ');
      const name = stack.unique('Race ');
      const twice = await Promise.all([
        stack.rest('POST', `/platelists/${target.id}/plates/${other.id}`, { token: admin.token }),
        stack.rest('POST', `/platelists/${target.id}/plates/${other.id}`, { token: admin.token }),
        stack.rest('POST', '/plates', { token: admin.token, json: { number } }),
        stack.rest('POST', '/plates', { token: admin.token, json: { number: number.toLowerCase().replace(' ', '-') } }),
        stack.rest('POST', '/platelists', { token: admin.token, json: { name } }),
        stack.rest('POST', '/platelists', { token: admin.token, json: { name } }),
      ]);
      expect(twice.map((r) => r.status).sort()).toEqual([200, 200, 200, 400, 400, 400]);
      // updating what another request deletes
      const doomedPlate = await createPlate(stack, admin.token);
      const doomedList = await createPlateList(stack, admin.token);
      const overtaken = await Promise.all([
        stack.rest('PUT', `/plates/${doomedPlate.id}`, { token: admin.token, json: { number: stack.unique('UP ') } }),
        stack.rest('DELETE', `/plates/${doomedPlate.id}`, { token: admin.token }),
        stack.rest('PUT', `/platelists/${doomedList.id}`, { token: admin.token, json: { name: stack.unique('Up ') } }),
        stack.rest('DELETE', `/platelists/${doomedList.id}`, { token: admin.token }),
      ]);
      for (const res of [deleted, added, gone, joined, ...twice, ...overtaken]) {
        statuses.add(res.status);
        expect([200, 400, 404], `${res.method} ${res.path}: ${JSON.stringify(res.body)}`).toContain(res.status);
        expectSpec(res, res.status);
      }
    }
    expect(statuses.has(500)).toBe(false);
  });
});
