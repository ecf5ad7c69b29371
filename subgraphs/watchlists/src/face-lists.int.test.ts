import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatchlists, type Caller, type WatchlistsHarness } from '../../../test/support/watchlists-harness.js';

let h: WatchlistsHarness;
let caller: Caller;
let organizationId: number;

beforeAll(async () => {
  h = await startWatchlists();
  organizationId = await h.organization();
  caller = await h.user({ organizationId });
});
afterAll(() => h?.stop());

const LIST = 'id organizationId name description priority faceCount createdAt updatedAt';
const CREATE = `mutation($i:FaceListInput!,$o:Int){ createFaceList(input:$i, organizationId:$o){ __typename ... on FaceList { ${LIST} } ... on Error { message } } }`;
const UPDATE = `mutation($id:Int!,$i:FaceListInput!){ updateFaceList(id:$id, input:$i){ __typename ... on FaceList { ${LIST} } ... on Error { message } } }`;
const DELETE = 'mutation($id:Int!){ deleteFaceList(id:$id){ __typename ... on Error { message } } }';
const ADD =
  'mutation($l:Int!,$f:Int!){ addFaceListFace(faceListId:$l, faceId:$f){ __typename ... on Error { message } } }';
const REMOVE =
  'mutation($l:Int!,$f:Int!){ removeFaceListFace(faceListId:$l, faceId:$f){ __typename ... on Error { message } } }';
const FACES = 'query($id:Int!){ faceList(id:$id){ faceCount faces { nodes { id fullName } } } }';

let serial = 0;
async function list(name = `List ${++serial}`, who: Caller = caller): Promise<number> {
  const data = await who.query(CREATE, { i: { name } });
  expect(data.createFaceList.__typename).toBe('FaceList');
  return data.createFaceList.id;
}

async function face(fullName = 'Someone', who: Caller = caller): Promise<number> {
  return (
    await who.query('mutation($n:String){ createFace(input:{fullName:$n}){ ... on Face { id } } }', { n: fullName })
  ).createFace.id;
}

describe('face lists', () => {
  it('creates, reads, updates and deletes a list with its priority, writing audit entries', async () => {
    const created = (
      await caller.query(CREATE, { i: { name: ' Wanted ', description: 'Shown first', priority: 'HIGH' } })
    ).createFaceList;
    expect(created).toMatchObject({
      __typename: 'FaceList',
      organizationId,
      name: 'Wanted',
      description: 'Shown first',
      priority: 'HIGH',
      faceCount: 0,
    });
    expect(
      (await caller.query(`query($id:Int!){ faceList(id:$id){ __typename ${LIST} } }`, { id: created.id })).faceList,
    ).toEqual(created);

    const updated = (await caller.query(UPDATE, { id: created.id, i: { name: 'Wanted', priority: 'LOW' } }))
      .updateFaceList;
    expect(updated).toMatchObject({ name: 'Wanted', description: null, priority: 'LOW' });
    const unprioritised = (await caller.query(UPDATE, { id: created.id, i: { name: 'Watched' } })).updateFaceList;
    expect(unprioritised).toMatchObject({ name: 'Watched', priority: null });

    expect((await caller.query(DELETE, { id: created.id })).deleteFaceList.__typename).toBe('Ok');
    expect((await caller.query('query($id:Int!){ faceList(id:$id){ id } }', { id: created.id })).faceList).toBeNull();
    expect((await caller.query(UPDATE, { id: created.id, i: { name: 'x' } })).updateFaceList.__typename).toBe(
      'NotFoundError',
    );
    expect((await caller.query(DELETE, { id: created.id })).deleteFaceList.__typename).toBe('NotFoundError');

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[facelist_create, facelist_update, facelist_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter(
      (n: { meta: { facelist_id?: number } }) => n.meta.facelist_id === created.id,
    );
    expect(mine.map((n: { actionType: string }) => n.actionType)).toEqual([
      'facelist_create',
      'facelist_update',
      'facelist_update',
      'facelist_delete',
    ]);
  });

  it('refuses a duplicate name in the organization (400), allows it in another one', async () => {
    await list('Duplicate');
    const other = await list('Other');
    expect((await caller.query(CREATE, { i: { name: 'Duplicate' } })).createFaceList).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Face list with provided name already exists',
    });
    expect((await caller.query(UPDATE, { id: other, i: { name: 'Duplicate' } })).updateFaceList.__typename).toBe(
      'InvalidRequestError',
    );
    expect(
      (await caller.query(UPDATE, { id: other, i: { name: 'Other', description: 'same name kept' } })).updateFaceList
        .__typename,
    ).toBe('FaceList');
    const stranger = await h.user({ organizationId: await h.organization() });
    expect((await stranger.query(CREATE, { i: { name: 'Duplicate' } })).createFaceList.__typename).toBe('FaceList');
  });

  it('refuses names and descriptions beyond their bounds', async () => {
    const empty = await caller.request(CREATE, { i: { name: '  ' } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'name'] });
    const long = await caller.request(CREATE, { i: { name: 'x'.repeat(256) } });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'name'] });
    const description = await caller.request(CREATE, { i: { name: 'Described', description: 'x'.repeat(2049) } });
    expect(description.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'description'],
    });
    const priority = await caller.request(CREATE, { i: { name: 'Prioritised', priority: 'URGENT' } });
    expect(priority.errors?.length).toBeGreaterThan(0);
  });

  it('filters by exact name', async () => {
    const exact = await list('Exact Name');
    await list('Exact Name 2');
    await list('exact name');
    const found = async (name: string) =>
      (await caller.query('query($n:String){ faceLists(name:$n){ nodes { id } } }', { n: name })).faceLists.nodes.map(
        (n: { id: number }) => n.id,
      );
    expect(await found('Exact Name')).toEqual([exact]);
    expect(await found('Exact')).toEqual([]);
  });

  it('adds and removes faces, counting them, writing audit entries', async () => {
    const listId = await list();
    const [a, b] = [await face('A'), await face('B')];
    expect((await caller.query(ADD, { l: listId, f: a })).addFaceListFace.__typename).toBe('Ok');
    expect((await caller.query(ADD, { l: listId, f: b })).addFaceListFace.__typename).toBe('Ok');
    expect((await caller.query(FACES, { id: listId })).faceList).toEqual({
      faceCount: 2,
      faces: {
        nodes: [
          { id: a, fullName: 'A' },
          { id: b, fullName: 'B' },
        ],
      },
    });

    expect((await caller.query(REMOVE, { l: listId, f: a })).removeFaceListFace.__typename).toBe('Ok');
    expect((await caller.query(FACES, { id: listId })).faceList).toEqual({
      faceCount: 1,
      faces: { nodes: [{ id: b, fullName: 'B' }] },
    });

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[facelist_face_create, facelist_face_delete], orderBy: CREATED_AT_ASC){ nodes { actionType organizationId meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { facelist_id?: number } }) => n.meta.facelist_id === listId);
    expect(mine).toEqual([
      { actionType: 'facelist_face_create', organizationId, meta: { facelist_id: listId, face_id: a } },
      { actionType: 'facelist_face_create', organizationId, meta: { facelist_id: listId, face_id: b } },
      { actionType: 'facelist_face_delete', organizationId, meta: { facelist_id: listId, face_id: a } },
    ]);
  });

  it('refuses a face twice (400), unknown faces and lists (404), and a face not in the list (404)', async () => {
    const listId = await list();
    const faceId = await face();
    await caller.query(ADD, { l: listId, f: faceId });
    expect((await caller.query(ADD, { l: listId, f: faceId })).addFaceListFace).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Face is already in the face list',
    });
    expect((await caller.query(ADD, { l: listId, f: 999999 })).addFaceListFace).toEqual({
      __typename: 'NotFoundError',
      message: 'Face not found',
    });
    expect((await caller.query(ADD, { l: 999999, f: faceId })).addFaceListFace).toEqual({
      __typename: 'NotFoundError',
      message: 'Face list not found',
    });
    const loose = await face();
    expect((await caller.query(REMOVE, { l: listId, f: loose })).removeFaceListFace).toEqual({
      __typename: 'NotFoundError',
      message: 'Face is not in the face list',
    });
    expect((await caller.query(REMOVE, { l: 999999, f: faceId })).removeFaceListFace.__typename).toBe('NotFoundError');
    expect((await caller.query(REMOVE, { l: listId, f: 999999 })).removeFaceListFace.__typename).toBe('NotFoundError');
  });

  it('refuses to delete a list with faces (400); a deleted face leaves its lists', async () => {
    const listId = await list();
    const faceId = await face();
    await caller.query(ADD, { l: listId, f: faceId });
    expect((await caller.query(DELETE, { id: listId })).deleteFaceList).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Face list has faces',
    });
    await caller.query('mutation($id:Int!){ deleteFace(id:$id){ __typename } }', { id: faceId });
    expect((await caller.query(FACES, { id: listId })).faceList).toEqual({ faceCount: 0, faces: { nodes: [] } });
    expect((await caller.query(DELETE, { id: listId })).deleteFaceList.__typename).toBe('Ok');
  });

  it("walks every page of a list's faces and of the lists", async () => {
    const listId = await list();
    const faces: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      faces.push(await face(`Member ${i}`));
      await caller.query(ADD, { l: listId, f: faces[i] });
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await caller.query(
          'query($id:Int!,$a:String){ faceList(id:$id){ faces(first:10, after:$a){ nodes { id } pageInfo { endCursor hasNextPage } } } }',
          { id: listId, a: after },
        )
      ).faceList.faces;
      seen.push(...page.nodes.map((n: { id: number }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(faces);

    for (let i = 0; i < 12; i += 1) await list();
    const all = (await caller.query('{ faceLists(first:1000){ nodes { id } } }')).faceLists.nodes.map(
      (n: { id: number }) => n.id,
    );
    const paged: number[] = [];
    after = null;
    for (;;) {
      const page: any = (
        await caller.query(
          'query($a:String){ faceLists(first:10, after:$a){ nodes { id } pageInfo { endCursor hasNextPage } } }',
          { a: after },
        )
      ).faceLists;
      paged.push(...page.nodes.map((n: { id: number }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(20);
  });
});
