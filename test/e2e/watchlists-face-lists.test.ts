import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import { auditEntries, createFace, createFaceList } from './watchlists-face-fixtures.js';

type Member = TestUser & { token: string };

let stack: TestStack;
let org: { id: number };
let admin: Member;
let operator: Member;
let viewer: Member;
let outsider: Member;

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  const other = await stack.createOrganization();
  [admin, operator, viewer, outsider] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member(org.id, 'operator'),
    stack.member(org.id, 'viewer'),
    stack.member(other.id, 'administrator'),
  ]);
}, 120_000);

afterAll(() => stack?.stop());

const member = (listId: number, faceId: number, method: 'POST' | 'DELETE', token = admin.token) =>
  stack.rest(method, `/facelists/${listId}/faces/${faceId}`, { token });

describe('face lists (4.1–4.5)', () => {
  it('creates, reads, filters by exact name, updates and deletes a list with its priority, with audit entries', async () => {
    const created = await stack.rest('POST', '/facelists', {
      token: admin.token,
      json: { name: 'Wanted', description: 'Persons of interest', priority: 'high' },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      name: 'Wanted',
      description: 'Persons of interest',
      priority: 'high',
      id: expect.any(Number),
      face_count: 0,
    });
    const id = created.body.id;
    const plain = await createFaceList(stack, admin.token, { name: 'Wanted too' });
    expect(plain).toEqual({ name: 'Wanted too', description: null, priority: null, id: plain.id, face_count: 0 });

    const read = await stack.rest('GET', `/facelists/${id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);
    const byName = await stack.rest('GET', '/facelists', { token: viewer.token, query: { name: 'Wanted' } });
    expectSpec(byName, 200);
    expect(byName.body).toEqual({ facelists: [created.body] });
    expect((await stack.rest('GET', '/facelists', { token: viewer.token, query: { name: 'wanted' } })).body).toEqual({
      facelists: [],
    });
    const all = await stack.rest('GET', '/facelists', { token: viewer.token });
    expectSpec(all, 200);
    expect(all.body.facelists.map((l: { id: number }) => l.id)).toEqual([id, plain.id]);

    const updated = await stack.rest('PUT', `/facelists/${id}`, {
      token: admin.token,
      json: { name: 'Wanted (EU)', priority: 'low' },
    });
    expectSpec(updated, 200);
    expect(updated.body).toEqual({ name: 'Wanted (EU)', description: null, priority: 'low', id, face_count: 0 });
    // keeping its own name is no duplicate
    expectSpec(
      await stack.rest('PUT', `/facelists/${id}`, {
        token: admin.token,
        json: { name: 'Wanted (EU)', priority: 'medium' },
      }),
      200,
    );

    const deleted = await stack.rest('DELETE', `/facelists/${id}`, { token: admin.token });
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    for (const [method, path, json] of [
      ['GET', `/facelists/${id}`],
      ['PUT', `/facelists/${id}`, { name: 'x' }],
      ['DELETE', `/facelists/${id}`],
      ['GET', `/facelists/${id}/faces`],
    ] as const) {
      const res = await stack.rest(method, path, { token: admin.token, json });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    const audit = await auditEntries(stack, org.id, ['facelist_create', 'facelist_update', 'facelist_delete']);
    expect(
      audit
        .filter((e) => e.meta?.facelist_id === id)
        .map((e) => e.action_type)
        .sort(),
    ).toEqual(['facelist_create', 'facelist_delete', 'facelist_update', 'facelist_update']);
  });

  it('refuses a duplicate name within the organization (400), not across organizations', async () => {
    const list = await createFaceList(stack, admin.token);
    const other = await createFaceList(stack, admin.token);
    for (const res of [
      await stack.rest('POST', '/facelists', { token: admin.token, json: { name: list.name } }),
      await stack.rest('POST', '/facelists', { token: admin.token, json: { name: ` ${list.name} ` } }),
      await stack.rest('PUT', `/facelists/${other.id}`, { token: admin.token, json: { name: list.name } }),
    ]) {
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }
    expectSpec(await stack.rest('POST', '/facelists', { token: outsider.token, json: { name: list.name } }), 200);
  });

  it('refuses bad input with 422', async () => {
    const list = await createFaceList(stack, admin.token);
    expectValidation(await stack.rest('POST', '/facelists', { token: admin.token, json: {} }), ['body', 'name']);
    expectValidation(await stack.rest('POST', '/facelists', { token: admin.token, json: { name: '' } }), [
      'body',
      'name',
    ]);
    expectValidation(await stack.rest('POST', '/facelists', { token: admin.token, json: { name: '   ' } }), [
      'body',
      'name',
    ]);
    expectValidation(await stack.rest('POST', '/facelists', { token: admin.token, json: { name: 'x'.repeat(256) } }), [
      'body',
      'name',
    ]);
    expectValidation(
      await stack.rest('POST', '/facelists', {
        token: admin.token,
        json: { name: 'L', description: 'x'.repeat(2049) },
      }),
      ['body', 'description'],
    );
    expectValidation(
      await stack.rest('POST', '/facelists', { token: admin.token, json: { name: 'L', priority: 'urgent' } }),
      ['body', 'priority'],
    );
    expectValidation(
      await stack.rest('PUT', `/facelists/${list.id}`, { token: admin.token, json: { description: 'no name' } }),
      ['body', 'name'],
    );
    expectValidation(await stack.rest('GET', '/facelists/x1', { token: admin.token }), ['path', 'facelist_id']);
    expectValidation(await stack.rest('POST', `/facelists/${list.id}/faces/1.5`, { token: admin.token }), [
      'path',
      'face_id',
    ]);
    expectValidation(await stack.rest('DELETE', '/facelists/99999999999/faces/1', { token: admin.token }), [
      'path',
      'facelist_id',
    ]);
  });
});

describe('faces of face lists (4.6–4.8)', () => {
  it('adds faces, counts them, lists them, refuses what the spec refuses, and removes them', async () => {
    const list = await createFaceList(stack, admin.token, { priority: 'medium' });
    const [a, b] = [
      await createFace(stack, admin.token, { sex: 'm', birth_date: '1990-01-02' }),
      await createFace(stack, admin.token),
    ];
    const theirs = await createFace(stack, outsider.token);

    for (const face of [a, b]) {
      const added = await member(list.id, face.id, 'POST');
      expectSpec(added, 200);
      expect(added.body).toEqual({ status: 'ok' });
    }
    expect((await stack.rest('GET', `/facelists/${list.id}`, { token: viewer.token })).body).toMatchObject({
      face_count: 2,
      priority: 'medium',
    });
    const listed = await stack.rest('GET', `/facelists/${list.id}/faces`, { token: viewer.token });
    expectSpec(listed, 200);
    expect(listed.body).toEqual({ faces: [a, b] });

    const twice = await member(list.id, a.id, 'POST');
    expectSpec(twice, 400);
    expect(twice.body).toEqual(errorBody('invalid_request', 400));
    for (const [listId, faceId] of [
      [list.id, 987654],
      [987654, a.id],
      [list.id, theirs.id],
    ]) {
      const res = await member(listId!, faceId!, 'POST');
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }

    const busy = await stack.rest('DELETE', `/facelists/${list.id}`, { token: admin.token });
    expectSpec(busy, 400);
    expect(busy.body).toEqual(errorBody('invalid_request', 400));

    expectSpec(await member(list.id, a.id, 'DELETE'), 200);
    const again = await member(list.id, a.id, 'DELETE');
    expectSpec(again, 404);
    expect(again.body).toEqual(errorBody('not_found', 404));
    expectSpec(await member(list.id, theirs.id, 'DELETE'), 404);
    expect((await stack.rest('GET', `/facelists/${list.id}/faces`, { token: viewer.token })).body).toEqual({
      faces: [b],
    });

    // deleting a face takes it out of its lists; then the empty list can go
    expectSpec(await stack.rest('DELETE', `/faces/${b.id}`, { token: admin.token }), 200);
    expect((await stack.rest('GET', `/facelists/${list.id}`, { token: viewer.token })).body.face_count).toBe(0);
    expectSpec(await stack.rest('DELETE', `/facelists/${list.id}`, { token: admin.token }), 200);

    const audit = await auditEntries(stack, org.id, ['facelist_face_create', 'facelist_face_delete']);
    const ofList = audit
      .filter((e) => e.meta?.facelist_id === list.id)
      .map((e) => `${e.action_type}:${e.meta.face_id}`)
      .sort();
    expect(ofList).toEqual([
      `facelist_face_create:${a.id}`,
      `facelist_face_create:${b.id}`,
      `facelist_face_delete:${a.id}`,
    ]);
  });

  it('answers every face of a list in one page (4.6 declares no pagination) and counts them', async () => {
    const list = await createFaceList(stack, admin.token);
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const face = await createFace(stack, admin.token);
      ids.push(face.id);
      expectSpec(await member(list.id, face.id, 'POST'), 200);
    }
    const res = await stack.rest('GET', `/facelists/${list.id}/faces`, { token: viewer.token });
    expectSpec(res, 200);
    expect(res.body.faces.map((f: { id: number }) => f.id)).toEqual(ids);
    expect(
      (await stack.rest('GET', '/facelists', { token: viewer.token, query: { name: list.name } })).body.facelists[0]
        .face_count,
    ).toBe(12);

    // FaceList.faces through GraphQL: pages of 10 without repeats
    const query =
      'query($id: Int!, $after: String) { faceList(id: $id) { faceCount faces(first: 10, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } } }';
    const first = await stack.gql(query, { id: list.id }, viewer.token);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.faceList.faceCount).toBe(12);
    expect(first.body.data.faceList.faces.pageInfo.hasNextPage).toBe(true);
    const second = await stack.gql(
      query,
      { id: list.id, after: first.body.data.faceList.faces.pageInfo.endCursor },
      viewer.token,
    );
    expect(second.body.data.faceList.faces.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.body.data.faceList.faces.nodes, ...second.body.data.faceList.faces.nodes].map(
      (n: { id: number }) => n.id,
    );
    expect(seen).toEqual(ids);
    const small = await stack.gql(
      'query($id: Int!) { faceList(id: $id) { faces(first: 5) { nodes { id } } } }',
      { id: list.id },
      viewer.token,
    );
    expect(small.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('authorization', () => {
  it("asks for a token (401), the permission (403) and hides other organizations' lists (404)", async () => {
    const list = await createFaceList(stack, admin.token);
    const face = await createFace(stack, admin.token);
    const theirs = await createFaceList(stack, outsider.token, { name: 'Their list' });
    const calls = [
      ['GET', '/facelists'],
      ['POST', '/facelists', { name: 'L' }],
      ['GET', `/facelists/${list.id}`],
      ['PUT', `/facelists/${list.id}`, { name: 'L' }],
      ['DELETE', `/facelists/${list.id}`],
      ['GET', `/facelists/${list.id}/faces`],
      ['POST', `/facelists/${list.id}/faces/${face.id}`],
      ['DELETE', `/facelists/${list.id}/faces/${face.id}`],
    ] as const;
    for (const [method, path, json] of calls) expectSpec(await stack.rest(method, path, { json }), 401);
    for (const token of [viewer.token, operator.token]) {
      for (const [method, path, json] of calls.filter(([m]) => m !== 'GET')) {
        const res = await stack.rest(method, path, { token, json });
        expectSpec(res, 403);
        expect(res.body).toEqual(errorBody('unauthorized', 403));
      }
      for (const [method, path] of calls.filter(([m]) => m === 'GET'))
        expectSpec(await stack.rest(method, path, { token }), 200);
    }
    // facelist_read without facelist_face_read: the list, not its faces
    const [listReader, faceReader] = await Promise.all([
      stack.createRole(['facelist_read']).then((role) => stack.member(org.id, role)),
      stack.createRole(['face_read']).then((role) => stack.member(org.id, role)),
    ]);
    expectSpec(await stack.rest('GET', `/facelists/${list.id}`, { token: listReader.token }), 200);
    expectSpec(await stack.rest('GET', `/facelists/${list.id}/faces`, { token: listReader.token }), 403);
    expectSpec(await stack.rest('GET', '/facelists', { token: faceReader.token }), 403);

    for (const [method, path, json] of [
      ['GET', `/facelists/${theirs.id}`],
      ['PUT', `/facelists/${theirs.id}`, { name: 'Mine now' }],
      ['DELETE', `/facelists/${theirs.id}`],
      ['GET', `/facelists/${theirs.id}/faces`],
      ['POST', `/facelists/${theirs.id}/faces/${face.id}`],
    ] as const) {
      expectSpec(await stack.rest(method, path, { token: admin.token, json }), 404);
    }
    expect((await stack.rest('GET', '/facelists', { token: admin.token, query: { name: 'Their list' } })).body).toEqual(
      { facelists: [] },
    );
  });
});

describe('face lists through GraphQL', () => {
  it('creates a list with typed errors and reads faceLists by name', async () => {
    const create =
      'mutation($input: FaceListInput!) { createFaceList(input: $input) { __typename ... on FaceList { id name priority faceCount } ... on Error { message } } }';
    const name = stack.unique('GraphQL list ');
    const created = await stack.gql(create, { input: { name, priority: 'HIGH' } }, admin.token);
    expect(created.body.data.createFaceList).toEqual({
      __typename: 'FaceList',
      id: expect.any(Number),
      name,
      priority: 'HIGH',
      faceCount: 0,
    });
    const duplicate = await stack.gql(create, { input: { name } }, admin.token);
    expect(duplicate.body.data.createFaceList).toMatchObject({
      __typename: 'InvalidRequestError',
      message: expect.any(String),
    });
    const forbidden = await stack.gql(create, { input: { name: 'Nope' } }, viewer.token);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const face = await createFace(stack, admin.token);
    const add = await stack.gql(
      'mutation($l: Int!, $f: Int!) { addFaceListFace(faceListId: $l, faceId: $f) { __typename } }',
      { l: created.body.data.createFaceList.id, f: face.id },
      admin.token,
    );
    expect(add.body.data.addFaceListFace.__typename).toBe('Ok');
    const read = await stack.gql(
      'query($name: String) { faceLists(name: $name) { nodes { name faceCount faces { nodes { id fullName } } } } }',
      { name },
      viewer.token,
    );
    expect(read.body.data.faceLists.nodes).toEqual([
      { name, faceCount: 1, faces: { nodes: [{ id: face.id, fullName: face.full_name }] } },
    ]);
  });
});
