import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatchlists, type Caller, type WatchlistsHarness } from '../../../test/support/watchlists-harness.js';

let h: WatchlistsHarness;
let caller: Caller;

beforeAll(async () => {
  h = await startWatchlists();
  caller = await h.user({ organizationId: await h.organization() });
});
afterAll(() => h?.stop());

const FACE = 'id organizationId fullName sex birthDate documentNumber createdAt updatedAt';
const CREATE = `mutation($i:FaceInput!){ createFace(input:$i){ __typename ... on Face { ${FACE} } ... on Error { message } } }`;
const UPDATE = `mutation($id:Int!,$i:FaceInput!){ updateFace(id:$id, input:$i){ __typename ... on Face { ${FACE} } ... on Error { message } } }`;
const DELETE = 'mutation($id:Int!){ deleteFace(id:$id){ __typename ... on Error { message } } }';
const ATTACH =
  'mutation($f:Int!,$i:[ID!]!){ addFaceImages(faceId:$f, imageIds:$i){ __typename ... on Face { images { nodes { id } } } ... on Error { message } } }';
const DETACH =
  'mutation($f:Int!,$i:[ID!]!){ removeFaceImages(faceId:$f, imageIds:$i){ __typename ... on Face { images { nodes { id } } } ... on Error { message } } }';

async function face(fullName = 'John Doe'): Promise<number> {
  const data = await caller.query(CREATE, { i: { fullName } });
  expect(data.createFace.__typename).toBe('Face');
  return data.createFace.id;
}

const ids = <T extends number | string>(nodes: { id: T }[]): T[] => nodes.map((n) => n.id);

describe('faces', () => {
  it('creates, reads, updates and deletes a face, writing audit entries', async () => {
    const created = (
      await caller.query(CREATE, {
        i: { fullName: ' Jane Roe ', sex: 'F', birthDate: '1984-02-29', documentNumber: 'AB 123456' },
      })
    ).createFace;
    expect(created).toMatchObject({
      __typename: 'Face',
      fullName: 'Jane Roe',
      sex: 'F',
      birthDate: '1984-02-29',
      documentNumber: 'AB 123456',
    });
    expect(
      (await caller.query(`query($id:Int!){ face(id:$id){ __typename ${FACE} } }`, { id: created.id })).face,
    ).toEqual(created);

    const updated = (
      await caller.query(UPDATE, { id: created.id, i: { fullName: 'Jane R.', sex: 'F', birthDate: '1984-03-01' } })
    ).updateFace;
    expect(updated).toMatchObject({ fullName: 'Jane R.', birthDate: '1984-03-01', documentNumber: null });

    expect((await caller.query(DELETE, { id: created.id })).deleteFace.__typename).toBe('Ok');
    expect((await caller.query('query($id:Int!){ face(id:$id){ id } }', { id: created.id })).face).toBeNull();
    expect((await caller.query(UPDATE, { id: created.id, i: {} })).updateFace.__typename).toBe('NotFoundError');
    expect((await caller.query(DELETE, { id: created.id })).deleteFace.__typename).toBe('NotFoundError');

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[face_create, face_update, face_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { face_id?: number } }) => n.meta.face_id === created.id);
    expect(mine.map((n: { actionType: string }) => n.actionType)).toEqual([
      'face_create',
      'face_update',
      'face_delete',
    ]);
  });

  it('creates a face with no details at all, blank texts and dates being null', async () => {
    const created = (await caller.query(CREATE, { i: { fullName: '  ', birthDate: '' } })).createFace;
    expect(created).toMatchObject({
      __typename: 'Face',
      fullName: null,
      sex: null,
      birthDate: null,
      documentNumber: null,
    });
  });

  it.each([
    '2023-02-30',
    '2023-13-01',
    '2023-00-10',
    '1900-02-29',
    '12-07-2012',
    '2012-7-21',
    '2012-07-21T00:00:00Z',
    '0000-01-01',
    'yesterday',
  ])('refuses the birth date %s as bad input on ["body","birth_date"]', async (birthDate) => {
    const result = await caller.request(CREATE, { i: { fullName: 'x', birthDate } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'birthDate'] });
  });

  it('refuses texts beyond their bounds', async () => {
    const long = await caller.request(CREATE, { i: { fullName: 'x'.repeat(129) } });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'fullName'] });
    const document = await caller.request(CREATE, { i: { documentNumber: 'x'.repeat(129) } });
    expect(document.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'documentNumber'],
    });
    expect((await caller.query(CREATE, { i: { fullName: 'x'.repeat(128) } })).createFace.__typename).toBe('Face');
  });

  it('filters by full name (case-insensitive inclusion, wildcards taken literally)', async () => {
    const [a, b] = [await face('Alice Filter-Smith'), await face('alice filter-jones')];
    await face('Bob Filter');
    await face('100% Filter_x');
    const found = async (fullName: string) =>
      ids((await caller.query('query($n:String){ faces(fullName:$n){ nodes { id } } }', { n: fullName })).faces.nodes);
    expect(await found('ALICE FILTER')).toEqual([a, b]);
    expect(await found('filter-smith')).toEqual([a]);
    expect(await found('%')).toHaveLength(1);
    expect(await found('filter_smith')).toEqual([]);
  });

  it('walks every page of faces', async () => {
    const organizationId = await h.organization();
    const owner = await h.user({ organizationId });
    const made: number[] = [];
    for (let i = 0; i < 23; i += 1)
      made.push((await owner.query(CREATE, { i: { fullName: `Page ${i}` } })).createFace.id);
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = (
        await owner.query(
          'query($a:String){ faces(first:10, after:$a){ nodes { id } pageInfo { endCursor hasNextPage } } }',
          { a: after },
        )
      ).faces;
      seen.push(...ids<number>(page.nodes));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(made);
    const bad = await owner.request('{ faces(first:5){ nodes { id } } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['first'] });
    const cursor = await owner.request('{ faces(after:"nonsense"){ nodes { id } } }');
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
  });
});

describe('face images', () => {
  it('attaches and detaches uploads, with their content url, writing audit entries', async () => {
    const faceId = await face();
    const attached = (await caller.query(ATTACH, { f: faceId, i: ['face-image-a1', 'face-image-a2', 'face-image-a1'] }))
      .addFaceImages;
    expect(attached).toEqual({
      __typename: 'Face',
      images: { nodes: [{ id: 'face-image-a1' }, { id: 'face-image-a2' }] },
    });

    const images = (
      await caller.query(
        'query($id:Int!){ face(id:$id){ images { nodes { id faceId url attachedAt upload { id } face { id } } } } }',
        { id: faceId },
      )
    ).face.images.nodes;
    expect(images[0]).toMatchObject({
      id: 'face-image-a1',
      faceId,
      url: '/api/v1/uploads/face-image-a1/content',
      upload: { id: 'face-image-a1' },
      face: { id: faceId },
    });
    const listed = (await caller.query('query($id:Int!){ faceImages(faceId:$id){ nodes { id } } }', { id: faceId }))
      .faceImages.nodes;
    expect(ids(listed)).toEqual(['face-image-a1', 'face-image-a2']);

    const detached = (await caller.query(DETACH, { f: faceId, i: ['face-image-a1', 'face-image-unknown'] }))
      .removeFaceImages;
    expect(detached).toEqual({ __typename: 'Face', images: { nodes: [{ id: 'face-image-a2' }] } });

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[faceimage_create, faceimage_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { face_id?: number } }) => n.meta.face_id === faceId);
    expect(mine.map((n: { actionType: string; meta: unknown }) => [n.actionType, n.meta])).toEqual([
      ['faceimage_create', { face_id: faceId, image_ids: ['face-image-a1', 'face-image-a2'] }],
      ['faceimage_delete', { face_id: faceId, image_ids: ['face-image-a1'] }],
    ]);
  });

  it('refuses an image already attached (400) and unknown uploads or other kinds (404)', async () => {
    const [first, second] = [await face(), await face()];
    await caller.query(ATTACH, { f: first, i: ['face-image-b1'] });
    expect((await caller.query(ATTACH, { f: first, i: ['face-image-b1'] })).addFaceImages).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Images already attached to a face: face-image-b1',
    });
    expect(
      (await caller.query(ATTACH, { f: second, i: ['face-image-b2', 'face-image-b1'] })).addFaceImages.__typename,
    ).toBe('InvalidRequestError');
    expect((await caller.query(ATTACH, { f: second, i: ['face-image-b2', 'missing-1'] })).addFaceImages).toEqual({
      __typename: 'NotFoundError',
      message: 'Images not found: missing-1',
    });
    expect((await caller.query(ATTACH, { f: second, i: ['vehicle-image-1'] })).addFaceImages.__typename).toBe(
      'NotFoundError',
    );
    expect((await caller.query(ATTACH, { f: 999999, i: ['face-image-b3'] })).addFaceImages).toEqual({
      __typename: 'NotFoundError',
      message: 'Face not found',
    });
    expect((await caller.query(DETACH, { f: 999999, i: ['face-image-b1'] })).removeFaceImages.__typename).toBe(
      'NotFoundError',
    );
    expect(
      (await caller.query('query($id:Int!){ face(id:$id){ images { nodes { id } } } }', { id: second })).face.images
        .nodes,
    ).toEqual([]);
    expect((await caller.query('{ faceImages(faceId:999999){ nodes { id } } }')).faceImages).toBeNull();
    const tooMany = await caller.request(ATTACH, {
      f: second,
      i: Array.from({ length: 101 }, (_, i) => `face-image-m${i}`),
    });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['imageIds'] });
  });

  it('frees the images of a deleted face', async () => {
    const [gone, next] = [await face(), await face()];
    await caller.query(ATTACH, { f: gone, i: ['face-image-c1'] });
    await caller.query(DELETE, { id: gone });
    expect((await caller.query(ATTACH, { f: next, i: ['face-image-c1'] })).addFaceImages.__typename).toBe('Face');
  });

  it('pages the images of a face', async () => {
    const faceId = await face();
    const uploads = Array.from({ length: 12 }, (_, i) => `face-image-p${String(i).padStart(2, '0')}`);
    await caller.query(ATTACH, { f: faceId, i: uploads });
    const first = (
      await caller.query(
        'query($id:Int!){ face(id:$id){ images(first:10){ nodes { id } pageInfo { endCursor hasNextPage } } } }',
        { id: faceId },
      )
    ).face.images;
    expect(ids(first.nodes)).toEqual(uploads.slice(0, 10));
    const rest = (
      await caller.query(
        'query($id:Int!,$a:String){ faceImages(faceId:$id, first:10, after:$a){ nodes { id } pageInfo { hasNextPage } } }',
        { id: faceId, a: first.pageInfo.endCursor },
      )
    ).faceImages;
    expect(ids(rest.nodes)).toEqual(uploads.slice(10));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });
});
