import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import {
  auditEntries,
  createFace,
  expectFaceImageOf,
  faceImageId,
  facePhoto,
  uploadFacePhoto,
} from './watchlists-face-fixtures.js';

type Member = TestUser & { token: string };

let stack: TestStack;
let org: { id: number };
let admin: Member;
let operator: Member;
let viewer: Member;
let outsider: Member;

beforeAll(async () => {
  stack = await TestStack.start({ faceAnalysis: true });
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

const images = (faceId: number, method: 'GET' | 'POST' | 'DELETE', ids?: string[], token = admin.token) =>
  stack.rest(method, `/faces/${faceId}/images`, { token, json: ids && { image_ids: ids } });

describe('faces (5.1–5.5)', () => {
  it('creates, reads, lists by full name, replaces and deletes a face, with audit entries', async () => {
    const created = await stack.rest('POST', '/faces', {
      token: admin.token,
      json: { full_name: 'Ada Lovelace', sex: 'f', birth_date: '1815-12-10', document_number: 'AL-1815' },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      full_name: 'Ada Lovelace',
      sex: 'f',
      birth_date: '1815-12-10',
      document_number: 'AL-1815',
      id: expect.any(Number),
      images: [],
    });
    const id = created.body.id;

    const read = await stack.rest('GET', `/faces/${id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);

    const other = await createFace(stack, admin.token, { full_name: 'Charles Babbage' });
    const filtered = await stack.rest('GET', '/faces', { token: viewer.token, query: { full_name: 'lovelACE' } });
    expectSpec(filtered, 200);
    expect(filtered.body).toEqual({ faces: [created.body] });
    const all = await stack.rest('GET', '/faces', { token: viewer.token });
    expectSpec(all, 200);
    expect(all.body.faces.map((f: { id: number }) => f.id)).toEqual([id, other.id]);

    // PUT replaces every field: what is left out becomes null
    const updated = await stack.rest('PUT', `/faces/${id}`, {
      token: admin.token,
      json: { full_name: 'Augusta Ada King', birth_date: '1815-12-10' },
    });
    expectSpec(updated, 200);
    expect(updated.body).toEqual({
      full_name: 'Augusta Ada King',
      sex: null,
      birth_date: '1815-12-10',
      document_number: null,
      id,
      images: [],
    });
    const empty = await stack.rest('PUT', `/faces/${other.id}`, { token: admin.token, json: {} });
    expectSpec(empty, 200);
    expect(empty.body).toEqual({
      full_name: null,
      sex: null,
      birth_date: null,
      document_number: null,
      id: other.id,
      images: [],
    });

    const deleted = await stack.rest('DELETE', `/faces/${id}`, { token: admin.token });
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    for (const [method, path] of [
      ['GET', `/faces/${id}`],
      ['PUT', `/faces/${id}`],
      ['DELETE', `/faces/${id}`],
      ['GET', `/faces/${id}/images`],
    ] as const) {
      const res = await stack.rest(method, path, { token: admin.token, json: method === 'PUT' ? {} : undefined });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }

    const audit = await auditEntries(stack, org.id, ['face_create', 'face_update', 'face_delete']);
    expect(
      audit
        .filter((e) => e.meta?.face_id === id)
        .map((e) => e.action_type)
        .sort(),
    ).toEqual(['face_create', 'face_delete', 'face_update']);
    // the log holds ids, never the person's details
    expect(JSON.stringify(audit)).not.toContain('Lovelace');
  });

  it('refuses bad input with 422 at the right place', async () => {
    const face = await createFace(stack, admin.token);
    for (const birthDate of ['21.07.2012', '2023-02-30', '2012-7-21', 'yesterday']) {
      expectValidation(await stack.rest('POST', '/faces', { token: admin.token, json: { birth_date: birthDate } }), [
        'body',
        'birth_date',
      ]);
      expectValidation(
        await stack.rest('PUT', `/faces/${face.id}`, { token: admin.token, json: { birth_date: birthDate } }),
        ['body', 'birth_date'],
      );
    }
    expectValidation(await stack.rest('POST', '/faces', { token: admin.token, json: { full_name: 'x'.repeat(129) } }), [
      'body',
      'full_name',
    ]);
    expectValidation(
      await stack.rest('POST', '/faces', { token: admin.token, json: { document_number: 'x'.repeat(129) } }),
      ['body', 'document_number'],
    );
    expectValidation(await stack.rest('POST', '/faces', { token: admin.token, json: { sex: 'x' } }), ['body', 'sex']);
    expectValidation(await stack.rest('GET', '/faces/abc', { token: admin.token }), ['path', 'face_id']);
    expectValidation(await stack.rest('GET', '/faces/2147483648', { token: admin.token }), ['path', 'face_id']);
    expectValidation(await stack.rest('GET', '/faces', { token: admin.token, query: { full_name: 'x'.repeat(256) } }), [
      'query',
      'full_name',
    ]);
    expectValidation(await stack.rest('POST', `/faces/${face.id}/images`, { token: admin.token, json: {} }), [
      'body',
      'image_ids',
    ]);
    expectValidation(
      await stack.rest('POST', `/faces/${face.id}/images`, { token: admin.token, json: { image_ids: 'one' } }),
      ['body', 'image_ids'],
    );
    // 128 characters are fine; a blank birth date is no birth date
    const longest = await stack.rest('POST', '/faces', {
      token: admin.token,
      json: { full_name: 'x'.repeat(128), birth_date: '' },
    });
    expectSpec(longest, 200);
    expect(longest.body.birth_date).toBeNull();
  });
});

describe('face images (5.6–5.8)', () => {
  it('attaches real photos by upload id with their face meta, serves them, detaches them', async () => {
    const face = await createFace(stack, admin.token);
    const [uploadA, uploadB] = [
      (await uploadFacePhoto(stack, admin.token, '227943776_1.jpg'))[0]!,
      (await uploadFacePhoto(stack, operator.token, '230501201_1.jpg'))[0]!,
    ];
    const [a, b] = [uploadA.id as string, uploadB.id as string];

    const attached = await images(face.id, 'POST', [a, b, a]);
    expectSpec(attached, 200);
    expect(attached.body.faceimages.map((i: { id: string }) => i.id)).toEqual([a, b]);
    expectFaceImageOf(attached.body.faceimages[0], a);
    expectFaceImageOf(attached.body.faceimages[1], b);
    expect(attached.body.faceimages[0]).toMatchObject({ original_id: null });
    expect(attached.body.faceimages[0].meta.detection.landmarks.length).toBeGreaterThan(0);

    const listed = await images(face.id, 'GET', undefined, viewer.token);
    expectSpec(listed, 200);
    expect(listed.body).toEqual(attached.body);
    const read = await stack.rest('GET', `/faces/${face.id}`, { token: viewer.token });
    expectSpec(read, 200);
    expect(read.body.images).toEqual(attached.body.faceimages);
    // a face image is the upload as POST /uploads answered it
    expect(attached.body.faceimages).toEqual([uploadA, uploadB]);

    // the content URL serves the very bytes that were uploaded
    const content = await fetch(`${stack.restUrl}${attached.body.faceimages[0].url}`, {
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toMatch(/^image\/jpeg/);
    expect(Buffer.from(await content.arrayBuffer()).equals(Buffer.from(facePhoto('227943776_1.jpg')))).toBe(true);
    expect((await fetch(`${stack.restUrl}${attached.body.faceimages[0].url}`)).status).toBe(401);

    // already attached, to this face or another: 400
    const another = await createFace(stack, admin.token);
    for (const [faceId, ids] of [
      [face.id, [a]],
      [another.id, [b]],
      [another.id, [await faceImageId(stack, admin.token), b]],
    ] as const) {
      const res = await images(faceId, 'POST', [...ids]);
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }

    const detached = await images(face.id, 'DELETE', [a, 'not-attached-here']);
    expectSpec(detached, 200);
    expect(detached.body.faceimages.map((i: { id: string }) => i.id)).toEqual([b]);
    // a detached image may go to another face
    expectSpec(await images(another.id, 'POST', [a]), 200);

    const audit = await auditEntries(stack, org.id, ['faceimage_create', 'faceimage_delete']);
    const ofFace = audit.filter((e) => e.meta?.face_id === face.id);
    expect(ofFace.map((e) => e.action_type).sort()).toEqual(['faceimage_create', 'faceimage_delete']);
    expect(ofFace.find((e) => e.action_type === 'faceimage_delete')!.meta.image_ids).toEqual([a]);

    // deleting a face detaches its images
    expectSpec(await stack.rest('DELETE', `/faces/${face.id}`, { token: admin.token }), 200);
    expectSpec(await images(another.id, 'POST', [b]), 200);
  });

  it("attaches one face of a group photo: the face's own upload, with original_id", async () => {
    const uploads = await uploadFacePhoto(stack, admin.token, 'example.jpg');
    expect(uploads.length).toBeGreaterThanOrEqual(2);
    const [whole, first] = uploads as [Record<string, any>, Record<string, any>];
    const face = await createFace(stack, admin.token);
    const res = await images(face.id, 'POST', [first.id]);
    expectSpec(res, 200);
    expect(first.original_id).toBe(whole.id);
    expect(res.body.faceimages).toEqual([first]);
  });

  it('refuses unknown uploads, uploads of another kind and of another organization (404)', async () => {
    const face = await createFace(stack, admin.token);
    const avatar = await stack.upload(admin.token, 'avatar', facePhoto('messi5.jpg'), 'avatar.jpg', 'image/jpeg');
    expectSpec(avatar, 200);
    const foreign = await faceImageId(stack, outsider.token);
    for (const ids of [
      ['no-such-upload'],
      ['00000000-0000-4000-8000-000000000000'],
      [avatar.body.uploads[0].id],
      [foreign],
    ]) {
      const res = await images(face.id, 'POST', ids);
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expect((await images(face.id, 'GET')).body).toEqual({ faceimages: [] });
    // the other organization's admin may use their own upload on their own face
    const theirs = await createFace(stack, outsider.token);
    expectSpec(await images(theirs.id, 'POST', [foreign], outsider.token), 200);
    // nor can anyone see the other organization's face or its images
    expectSpec(await images(theirs.id, 'GET'), 404);
    expectSpec(await images(theirs.id, 'POST', [await faceImageId(stack, admin.token)]), 404);
    expectSpec(await images(theirs.id, 'DELETE', [foreign]), 404);
    expectSpec(await images(987654, 'POST', ['x']), 404);
  });

  it("keeps a face's images in its organization, even when a superuser attaches them (404)", async () => {
    const face = await createFace(stack, admin.token);
    const foreign = await faceImageId(stack, outsider.token);
    const res = await images(face.id, 'POST', [foreign], stack.adminToken);
    expectSpec(res, 404);
    expectSpec(await stack.rest('GET', `/faces/${face.id}`, { token: admin.token }), 200);
    const own = await faceImageId(stack, admin.token);
    expect(
      (await images(face.id, 'POST', [own], stack.adminToken)).body.faceimages.map((i: { id: string }) => i.id),
    ).toEqual([own]);
  });
});

describe('authorization', () => {
  it("asks for a token (401), the permission (403) and hides other organizations' faces (404)", async () => {
    const face = await createFace(stack, admin.token);
    const theirs = await createFace(stack, outsider.token, { full_name: 'Not Yours' });
    const image = await faceImageId(stack, admin.token);

    const calls = [
      ['GET', '/faces'],
      ['POST', '/faces', {}],
      ['GET', `/faces/${face.id}`],
      ['PUT', `/faces/${face.id}`, {}],
      ['DELETE', `/faces/${face.id}`],
      ['GET', `/faces/${face.id}/images`],
      ['POST', `/faces/${face.id}/images`, { image_ids: [image] }],
      ['DELETE', `/faces/${face.id}/images`, { image_ids: [image] }],
    ] as const;
    for (const [method, path, json] of calls) {
      const res = await stack.rest(method, path, { json });
      expectSpec(res, 401);
      expectSpec(await stack.rest(method, path, { json, token: 'not-a-token' }), 401);
    }
    // viewers and operators read faces and change none
    for (const token of [viewer.token, operator.token]) {
      for (const [method, path, json] of calls.filter(([m]) => m !== 'GET')) {
        const res = await stack.rest(method, path, { token, json });
        expectSpec(res, 403);
        expect(res.body).toEqual(errorBody('unauthorized', 403));
      }
      expectSpec(await stack.rest('GET', `/faces/${face.id}`, { token }), 200);
    }
    // a role with face_read but not faceimage_read sees a face with its images, not 5.6
    const [faceReader, nobody] = await Promise.all([
      stack.createRole(['face_read']).then((role) => stack.member(org.id, role)),
      stack.createRole(['faceimage_read']).then((role) => stack.member(org.id, role)),
    ]);
    expectSpec(await stack.rest('GET', `/faces/${face.id}`, { token: faceReader.token }), 200);
    expectSpec(await stack.rest('GET', `/faces/${face.id}/images`, { token: faceReader.token }), 403);
    expectSpec(await stack.rest('GET', '/faces', { token: nobody.token }), 403);
    expectSpec(await stack.rest('GET', `/faces/${face.id}`, { token: nobody.token }), 403);

    for (const [method, path, json] of [
      ['GET', `/faces/${theirs.id}`],
      ['PUT', `/faces/${theirs.id}`, {}],
      ['DELETE', `/faces/${theirs.id}`],
      ['GET', `/faces/${theirs.id}/images`],
    ] as const) {
      const res = await stack.rest(method, path, { token: admin.token, json });
      expectSpec(res, 404);
    }
    const mine = await stack.rest('GET', '/faces', { token: admin.token, query: { full_name: 'Not Yours' } });
    expect(mine.body).toEqual({ faces: [] });
    // the superuser sees every organization's faces
    const everyone = await stack.rest('GET', '/faces', { token: stack.adminToken, query: { full_name: 'Not Yours' } });
    expect(everyone.body.faces.map((f: { id: number }) => f.id)).toEqual([theirs.id]);
  });
});

describe('faces through GraphQL', () => {
  it('pages faces and their images without repeats, refusing page sizes outside 10..1000', async () => {
    const own = await stack.createOrganization();
    const owner = await stack.member(own.id, 'administrator');
    const ids: number[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await createFace(stack, owner.token, { full_name: `Paged ${i}` })).id);

    // REST 5.1 declares no pagination: every face in one answer
    const rest = await stack.rest('GET', '/faces', { token: owner.token });
    expectSpec(rest, 200);
    expect(rest.body.faces.map((f: { id: number }) => f.id)).toEqual(ids);

    const query =
      'query($first: Int!, $after: String) { faces(first: $first, after: $after) { nodes { id fullName } pageInfo { endCursor hasNextPage } } }';
    const seen: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const res = await stack.gql(query, { first: 10, after }, owner.token);
      expect(res.body.errors).toBeUndefined();
      const { nodes, pageInfo } = res.body.data.faces;
      seen.push(...nodes.map((n: { id: number }) => n.id));
      if (!pageInfo.hasNextPage) break;
      expect(nodes).toHaveLength(10);
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    for (const first of [5, 5000]) {
      const res = await stack.gql(query, { first }, owner.token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it("creates a face, attaches an image and reads Face.images with the upload's meta", async () => {
    const image = await faceImageId(stack, admin.token, 'Cascade_Classifier_Tutorial_Result_Haar.jpg');
    const created = await stack.gql(
      'mutation($input: FaceInput!) { createFace(input: $input) { __typename ... on Face { id sex birthDate } ... on Error { message } } }',
      { input: { fullName: 'Grace Hopper', sex: 'F', birthDate: '1906-12-09' } },
      admin.token,
    );
    expect(created.body.data.createFace).toEqual({
      __typename: 'Face',
      id: expect.any(Number),
      sex: 'F',
      birthDate: '1906-12-09',
    });
    const id = created.body.data.createFace.id;
    const added = await stack.gql(
      'mutation($id: Int!, $ids: [ID!]!) { addFaceImages(faceId: $id, imageIds: $ids) { __typename ... on Error { message } } }',
      { id, ids: [image] },
      admin.token,
    );
    expect(added.body.data.addFaceImages.__typename).toBe('Face');
    const twice = await stack.gql(
      'mutation($id: Int!, $ids: [ID!]!) { addFaceImages(faceId: $id, imageIds: $ids) { __typename ... on Error { message } } }',
      { id, ids: [image] },
      admin.token,
    );
    expect(twice.body.data.addFaceImages.__typename).toBe('InvalidRequestError');

    const read = await stack.gql(
      `query($id: Int!) { face(id: $id) { fullName images(first: 10) { nodes { id url faceId upload { kind mimeType meta { descriptor { norm } detection { rect { xMin } } } } } } }
        faceImages(faceId: $id) { nodes { id } } }`,
      { id },
      viewer.token,
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.face).toMatchObject({
      fullName: 'Grace Hopper',
      images: {
        nodes: [
          {
            id: image,
            url: `/api/v1/uploads/${image}/content`,
            faceId: id,
            upload: { kind: 'FACE_IMAGE', mimeType: 'image/jpeg', meta: { descriptor: { norm: expect.any(Number) } } },
          },
        ],
      },
    });
    expect(read.body.data.faceImages.nodes).toEqual([{ id: image }]);

    const bad = await stack.gql(
      'mutation { createFace(input: { birthDate: "2023-02-30" }) { __typename } }',
      {},
      admin.token,
    );
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'birthDate'] });
    const hidden = await stack.gql('query($id: Int!) { face(id: $id) { id } }', { id }, outsider.token);
    expect(hidden.body.data.face).toBeNull();
  });
});
