import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack } from '../support/stack.js';
import { auditActions } from './topology-fixtures.js';
import {
  carPng,
  createPlate,
  errorCodes,
  gqlData,
  memberWith,
  vehicleImage,
  walkConnection,
  type Member,
} from './watchlists-plate-fixtures.js';

let stack: TestStack;
let org: { id: number };
let pagedOrg: { id: number };
let admin: Member;
let operator: Member;
let viewer: Member;
let stranger: Member;
/** an administrator of an organization that holds only the plates the paging tests make */
let pagedAdmin: Member;
/** a member whose role holds no plate permission */
let reader: Member;

beforeAll(async () => {
  stack = await TestStack.start();
  const [mine, other, paged] = await Promise.all([
    stack.createOrganization(),
    stack.createOrganization(),
    stack.createOrganization(),
  ]);
  [org, pagedOrg] = [mine, paged];
  [admin, operator, viewer, stranger, pagedAdmin, reader] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member(org.id, 'operator'),
    stack.member(org.id, 'viewer'),
    stack.member(other.id, 'administrator'),
    stack.member(pagedOrg.id, 'administrator'),
    memberWith(stack, org.id, ['user_me_read']),
  ]);
});

afterAll(() => stack?.stop());

const numbersOf = (res: { body: { plates: { number: string }[] } }) => res.body.plates.map((p) => p.number);

describe('plates (15.1–15.5)', () => {
  it('creates, reads, lists, updates and deletes a plate, with audit entries', async () => {
    const image = await vehicleImage(stack, admin.token, 1);
    const body = {
      number: 'wx 4567-k',
      owner_full_name: 'Jan Kowalski',
      owner_document_number: 'ABC 123456',
      owner_birth_date: '1980-02-29',
      vehicle_manufacturer: 'Skoda',
      vehicle_model: 'Octavia',
      vehicle_type: 'car',
      vehicle_manufacture_date: '2012-07-21',
      vehicle_color: 'grey',
      vehicle_image_id: image.id,
    };
    const created = await stack.rest('POST', '/plates', { token: admin.token, json: body });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      ...body,
      id: expect.any(Number),
      vehicle_image_url: `/api/v1/uploads/${image.id}/content`,
    });
    const id = created.body.id;

    const read = await stack.rest('GET', `/plates/${id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);
    const listed = await stack.rest('GET', '/plates', { token: viewer.token });
    expectSpec(listed, 200);
    expect(Object.keys(listed.body)).toEqual(['plates']);
    expect(listed.body.plates).toContainEqual(created.body);

    // PUT replaces the plate: fields left out become null
    const updated = await stack.rest('PUT', `/plates/${id}`, {
      token: admin.token,
      json: { number: 'WX4567K', vehicle_color: 'red', owner_birth_date: null },
    });
    expectSpec(updated, 200);
    expect(updated.body).toEqual({
      number: 'WX4567K',
      owner_full_name: null,
      owner_document_number: null,
      owner_birth_date: null,
      vehicle_manufacturer: null,
      vehicle_model: null,
      vehicle_type: null,
      vehicle_manufacture_date: null,
      vehicle_color: 'red',
      vehicle_image_id: null,
      id,
      vehicle_image_url: null,
    });
    expect((await stack.rest('GET', `/plates/${id}`, { token: viewer.token })).body).toEqual(updated.body);

    const deleted = await stack.rest('DELETE', `/plates/${id}`, { token: admin.token });
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    const gone = await stack.rest('GET', `/plates/${id}`, { token: admin.token });
    expectSpec(gone, 404);
    expect(gone.body).toEqual(errorBody('not_found', 404));
    expectSpec(await stack.rest('DELETE', `/plates/${id}`, { token: admin.token }), 404);
    expectSpec(await stack.rest('PUT', `/plates/${id}`, { token: admin.token, json: { number: 'WX 1' } }), 404);

    const actions = await auditActions(stack, org.id, ['plate_create', 'plate_update', 'plate_delete']);
    const ofPlate = actions.filter((e) => e.meta?.plate_id === id);
    expect(ofPlate.map((e) => e.action_type).sort()).toEqual(['plate_create', 'plate_delete', 'plate_update']);
    expect(ofPlate.find((e) => e.action_type === 'plate_create')).toMatchObject({
      user_id: admin.id,
      organization_id: org.id,
      meta: { number: 'wx 4567-k' },
    });
  });

  it('serves the vehicle image at vehicle_image_url: the same bytes, with the token', async () => {
    const image = await vehicleImage(stack, operator.token, 2);
    const plate = await createPlate(stack, admin.token, { vehicle_image_id: image.id });
    expect(plate.vehicle_image_url).toBe(`/api/v1/uploads/${encodeURIComponent(image.id)}/content`);
    const url = `${stack.restUrl}${plate.vehicle_image_url}`;
    const download = await fetch(url, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^image\/png/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(image.bytes);
    expect((await fetch(url)).status).toBe(401);
    // another organization does not see the image
    expect((await fetch(url, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
  });

  it('filters by number ignoring case, spaces and dashes; numbers come back as entered', async () => {
    const plate = await createPlate(stack, admin.token, { number: 'Kr 9F-77 ab' });
    await createPlate(stack, admin.token, { number: 'KR9F77' });
    for (const number of ['KR9F77AB', 'kr9f77ab', 'kr-9f-77-ab', ' KR 9F 77 AB ', 'K-R 9-F7 7a-b']) {
      const res = await stack.rest('GET', '/plates', { token: viewer.token, query: { number } });
      expectSpec(res, 200);
      expect(res.body.plates, number).toEqual([plate]);
    }
    expect(
      numbersOf(await stack.rest('GET', '/plates', { token: viewer.token, query: { number: 'kr-9f77' } })),
    ).toEqual(['KR9F77']);
    expect(numbersOf(await stack.rest('GET', '/plates', { token: viewer.token, query: { number: 'KR9F7' } }))).toEqual(
      [],
    );
    // the other organization's plates never match
    expect(
      numbersOf(await stack.rest('GET', '/plates', { token: stranger.token, query: { number: 'KR9F77AB' } })),
    ).toEqual([]);
    // an empty filter is no filter
    expect(numbersOf(await stack.rest('GET', '/plates', { token: viewer.token, query: { number: '' } }))).toEqual(
      expect.arrayContaining(['Kr 9F-77 ab', 'KR9F77']),
    );
  });

  it('refuses a number another plate of the organization holds in any spelling (400), not one of another organization', async () => {
    const first = await createPlate(stack, admin.token, { number: 'AB 123' });
    for (const number of ['AB 123', 'ab-123', 'AB123', ' a-b 1-2-3 ']) {
      const res = await stack.rest('POST', '/plates', { token: admin.token, json: { number } });
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }
    const second = await createPlate(stack, admin.token, { number: 'AB 124' });
    const clash = await stack.rest('PUT', `/plates/${second.id}`, { token: admin.token, json: { number: 'ab-123' } });
    expectSpec(clash, 400);
    expect(clash.body).toEqual(errorBody('invalid_request', 400));
    // a plate may take another spelling of its own number
    const respelled = await stack.rest('PUT', `/plates/${first.id}`, {
      token: admin.token,
      json: { number: 'ab-123' },
    });
    expectSpec(respelled, 200);
    expect(respelled.body.number).toBe('ab-123');
    // numbers are unique per organization
    expect((await createPlate(stack, stranger.token, { number: 'AB-123' })).number).toBe('AB-123');
  });

  it('refuses a vehicle_image_id that is unknown, of another kind or of another organization (400)', async () => {
    const plate = await createPlate(stack, admin.token);
    const planUpload = await stack.upload(admin.token, 'plan', await carPng(3), 'plan.png', 'image/png');
    expectSpec(planUpload, 200);
    const foreign = await vehicleImage(stack, stranger.token, 4);
    for (const imageId of [
      'no-such-upload',
      '00000000-0000-4000-8000-000000000000',
      planUpload.body.uploads[0].id,
      foreign.id,
    ]) {
      const created = await stack.rest('POST', '/plates', {
        token: admin.token,
        json: { number: stack.unique('IMG'), vehicle_image_id: imageId },
      });
      expectSpec(created, 400);
      expect(created.body).toEqual(errorBody('invalid_request', 400));
      const updated = await stack.rest('PUT', `/plates/${plate.id}`, {
        token: admin.token,
        json: { number: plate.number, vehicle_image_id: imageId },
      });
      expectSpec(updated, 400);
      expect(updated.body).toEqual(errorBody('invalid_request', 400));
    }
    expect((await stack.rest('GET', `/plates/${plate.id}`, { token: admin.token })).body).toEqual(plate);
    // the other organization uses its own image
    expect((await createPlate(stack, stranger.token, { vehicle_image_id: foreign.id })).vehicle_image_url).toBe(
      `/api/v1/uploads/${foreign.id}/content`,
    );
  });
});

describe('authorization', () => {
  it('answers 401 without a token on every operation', async () => {
    for (const [method, path, json] of [
      ['GET', '/plates'],
      ['POST', '/plates', { number: 'N1' }],
      ['GET', '/plates/1'],
      ['PUT', '/plates/1', { number: 'N1' }],
      ['DELETE', '/plates/1'],
    ] as const) {
      const res = await stack.rest(method, path, { json });
      expectSpec(res, 401);
    }
  });

  it('lets viewers and operators read but not change plates (403)', async () => {
    const plate = await createPlate(stack, admin.token);
    for (const member of [viewer, operator]) {
      expectSpec(await stack.rest('GET', '/plates', { token: member.token }), 200);
      expectSpec(await stack.rest('GET', `/plates/${plate.id}`, { token: member.token }), 200);
      for (const [method, path, json] of [
        ['POST', '/plates', { number: stack.unique('V') }],
        ['PUT', `/plates/${plate.id}`, { number: 'V 1' }],
        ['DELETE', `/plates/${plate.id}`],
      ] as const) {
        const res = await stack.rest(method, path, { token: member.token, json });
        expectSpec(res, 403);
        expect(res.body).toEqual(errorBody('unauthorized', 403));
      }
    }
    expectSpec(await stack.rest('GET', '/plates', { token: reader.token }), 403);
    expectSpec(await stack.rest('GET', `/plates/${plate.id}`, { token: reader.token }), 403);
    expect((await stack.rest('GET', `/plates/${plate.id}`, { token: admin.token })).body).toEqual(plate);
  });

  it("hides another organization's plates (404) and lets the superuser see them", async () => {
    const plate = await createPlate(stack, admin.token);
    for (const [method, path, json] of [
      ['GET', `/plates/${plate.id}`],
      ['PUT', `/plates/${plate.id}`, { number: 'Z 1' }],
      ['DELETE', `/plates/${plate.id}`],
    ] as const) {
      const res = await stack.rest(method, path, { token: stranger.token, json });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    const theirs = await stack.rest('GET', '/plates', { token: stranger.token });
    expect(theirs.body.plates.map((p: { id: number }) => p.id)).not.toContain(plate.id);
    expect((await stack.rest('GET', `/plates/${plate.id}`, { token: stack.adminToken })).body).toEqual(plate);
  });
});

describe('bad input (422)', () => {
  it('refuses malformed ids, missing and too long fields, impossible dates and numbers without letters or digits', async () => {
    const plate = await createPlate(stack, admin.token);
    expectValidation(await stack.rest('GET', '/plates/x1', { token: admin.token }), ['path', 'plate_id']);
    expectValidation(await stack.rest('GET', '/plates/99999999999', { token: admin.token }), ['path', 'plate_id']);
    expectValidation(await stack.rest('DELETE', '/plates/1.5', { token: admin.token }), ['path', 'plate_id']);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'number'],
      [{ number: 12345 }, 'number'],
      [{ number: 'A'.repeat(33) }, 'number'],
      [{ number: '- -' }, 'number'],
      [{ number: 'N 1', owner_full_name: 'o'.repeat(129) }, 'owner_full_name'],
      [{ number: 'N 1', owner_document_number: 'd'.repeat(129) }, 'owner_document_number'],
      [{ number: 'N 1', vehicle_manufacturer: 'm'.repeat(33) }, 'vehicle_manufacturer'],
      [{ number: 'N 1', vehicle_model: 'm'.repeat(33) }, 'vehicle_model'],
      [{ number: 'N 1', vehicle_type: 't'.repeat(33) }, 'vehicle_type'],
      [{ number: 'N 1', vehicle_color: 'c'.repeat(33) }, 'vehicle_color'],
      [{ number: 'N 1', owner_birth_date: '2023-02-30' }, 'owner_birth_date'],
      [{ number: 'N 1', vehicle_manufacture_date: '21.07.2012' }, 'vehicle_manufacture_date'],
    ];
    for (const [json, field] of cases) {
      expectValidation(await stack.rest('POST', '/plates', { token: admin.token, json }), ['body', field]);
      expectValidation(await stack.rest('PUT', `/plates/${plate.id}`, { token: admin.token, json }), ['body', field]);
    }
    // 32 characters is the limit, not beyond it
    expect((await createPlate(stack, admin.token, { number: `M${'1'.repeat(31)}` })).number).toHaveLength(32);
    expect((await stack.rest('GET', `/plates/${plate.id}`, { token: admin.token })).body).toEqual(plate);
  });
});

const PLATES = `query($first: Int!, $after: String, $number: String) { plates(first: $first, after: $after, number: $number) { nodes { id number } pageInfo { endCursor hasNextPage } } }`;

describe('plates through GraphQL on the router', () => {
  const PLATE = `query($id: Int!) { plate(id: $id) { id number normalizedNumber organizationId vehicleImageId vehicleImageUrl vehicleImage { id kind mimeType size } } }`;
  const ERROR = '__typename ... on Error { message } ... on InvalidRequestError { status }';

  it('resolves a plate with its normalised number and its vehicle image from the media part', async () => {
    const image = await vehicleImage(stack, admin.token, 5);
    const plate = await createPlate(stack, admin.token, { number: 'gq-12 x', vehicle_image_id: image.id });
    const data = await gqlData(stack, PLATE, { id: plate.id }, viewer.token);
    expect(data.plate).toEqual({
      id: plate.id,
      number: 'gq-12 x',
      normalizedNumber: 'GQ12X',
      organizationId: org.id,
      vehicleImageId: image.id,
      vehicleImageUrl: plate.vehicle_image_url,
      vehicleImage: { id: image.id, kind: 'VEHICLE_IMAGE', mimeType: 'image/png', size: image.bytes.length },
    });
    expect((await gqlData(stack, PLATE, { id: plate.id }, stranger.token)).plate).toBeNull();
    const filtered = await gqlData(stack, PLATES, { first: 10, number: 'GQ 12-X' }, viewer.token);
    expect(filtered.plates.nodes).toEqual([{ id: plate.id, number: 'gq-12 x' }]);
  });

  it('creates, updates and deletes with typed errors, and refuses callers without the permission', async () => {
    const CREATE = `mutation($input: PlateInput!) { createPlate(input: $input) { ${ERROR} ... on Plate { id number } } }`;
    const created = await gqlData(stack, CREATE, { input: { number: 'GQL 1', vehicleColor: 'blue' } }, admin.token);
    expect(created.createPlate).toEqual({ __typename: 'Plate', id: expect.any(Number), number: 'GQL 1' });
    const id = created.createPlate.id;
    expect((await gqlData(stack, CREATE, { input: { number: 'gql-1' } }, admin.token)).createPlate).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.any(String),
      status: 'invalid_request',
    });
    const UPDATE = `mutation($id: Int!, $input: PlateInput!) { updatePlate(id: $id, input: $input) { ${ERROR} ... on Plate { id number vehicleColor } } }`;
    expect(
      (await gqlData(stack, UPDATE, { id, input: { number: 'GQL-1', vehicleColor: 'green' } }, admin.token))
        .updatePlate,
    ).toEqual({ __typename: 'Plate', id, number: 'GQL-1', vehicleColor: 'green' });
    expect((await gqlData(stack, UPDATE, { id, input: { number: 'x' } }, stranger.token)).updatePlate).toMatchObject({
      __typename: 'NotFoundError',
    });
    const denied = await stack.gql(CREATE, { input: { number: 'GQL 2' } }, viewer.token);
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
    const anonymous = await stack.gql(PLATES, { first: 10 });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const DELETE = `mutation($id: Int!) { deletePlate(id: $id) { ${ERROR} ... on Ok { ok } } }`;
    expect((await gqlData(stack, DELETE, { id }, admin.token)).deletePlate).toEqual({ __typename: 'Ok', ok: true });
    expect((await gqlData(stack, DELETE, { id }, admin.token)).deletePlate).toMatchObject({
      __typename: 'NotFoundError',
    });
  });
});

describe('every plate, every page', () => {
  let ids: number[];

  beforeAll(async () => {
    ids = [];
    for (let batch = 0; batch < 5; batch += 1) {
      const plates = await Promise.all(
        [0, 1, 2, 3, 4].map((i) => createPlate(stack, pagedAdmin.token, { number: `PG ${batch * 5 + i}` })),
      );
      ids.push(...plates.map((p) => p.id as number));
    }
    ids.sort((a, b) => a - b);
  });

  it('lists every plate in one answer (15.1 is not paginated), oldest first, ignoring limit and cursor', async () => {
    const all = await stack.rest('GET', '/plates', { token: pagedAdmin.token });
    expectSpec(all, 200);
    expect(all.body.plates.map((p: { id: number }) => p.id)).toEqual(ids);
    const ignored = await stack.rest('GET', '/plates', {
      token: pagedAdmin.token,
      query: { limit: 5, cursor: 'junk' },
    });
    expectSpec(ignored, 200);
    expect(ignored.body).toEqual(all.body);
  });

  it('walks every GraphQL page without repeats or gaps, and refuses page sizes outside 10..1000 and bad cursors', async () => {
    expect(await walkConnection(stack, pagedAdmin.token, PLATES, {}, (d) => d.plates)).toEqual({ ids, pages: 3 });
    expect(await walkConnection(stack, pagedAdmin.token, PLATES, {}, (d) => d.plates, 25)).toEqual({ ids, pages: 1 });
    for (const first of [5, 9, 1001, 5000]) {
      const res = await stack.gql(PLATES, { first }, pagedAdmin.token);
      expect(errorCodes(res), String(first)).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await stack.gql(PLATES, { first: 10, after: 'junk' }, pagedAdmin.token))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
