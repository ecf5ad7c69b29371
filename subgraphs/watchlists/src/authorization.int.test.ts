import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatchlists, type Caller, type WatchlistsHarness } from '../../../test/support/watchlists-harness.js';

let h: WatchlistsHarness;
let orgA: number;
let orgB: number;
/** administrator of organization A */
let manager: Caller;
/** administrator of organization B */
let stranger: Caller;
/** read-only viewer of organization A */
let viewer: Caller;
const a = { face: 0, faceList: 0, plate: 0, plateList: 0 };

const ENTITIES =
  'query($r:[_Any!]!){ _entities(representations:$r){ ... on Face { id } ... on FaceList { id } ... on Plate { id } ... on PlateList { id } } }';

beforeAll(async () => {
  h = await startWatchlists();
  [orgA, orgB] = [await h.organization(), await h.organization()];
  manager = await h.user({ organizationId: orgA });
  stranger = await h.user({ organizationId: orgB });
  viewer = await h.user({ organizationId: orgA, role: 'viewer' });
  a.face = (await manager.query('mutation{ createFace(input:{fullName:"A"}){ ... on Face { id } } }')).createFace.id;
  await manager.query('mutation($f:Int!){ addFaceImages(faceId:$f, imageIds:["face-image-auth"]){ __typename } }', {
    f: a.face,
  });
  a.faceList = (
    await manager.query('mutation{ createFaceList(input:{name:"A list"}){ ... on FaceList { id } } }')
  ).createFaceList.id;
  await manager.query('mutation($l:Int!,$f:Int!){ addFaceListFace(faceListId:$l, faceId:$f){ __typename } }', {
    l: a.faceList,
    f: a.face,
  });
  a.plate = (
    await manager.query('mutation{ createPlate(input:{number:"A 1"}){ ... on Plate { id } } }')
  ).createPlate.id;
  a.plateList = (
    await manager.query('mutation{ createPlateList(input:{name:"A plates"}){ ... on PlateList { id } } }')
  ).createPlateList.id;
});
afterAll(() => h?.stop());

const code = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

const MUTATIONS: [string, string][] = [
  ['createFace', 'mutation{ createFace(input:{}){ __typename } }'],
  ['updateFace', 'mutation($id:Int!){ updateFace(id:$id, input:{}){ __typename } }'],
  ['deleteFace', 'mutation($id:Int!){ deleteFace(id:$id){ __typename } }'],
  ['addFaceImages', 'mutation($id:Int!){ addFaceImages(faceId:$id, imageIds:["face-image-x"]){ __typename } }'],
  [
    'removeFaceImages',
    'mutation($id:Int!){ removeFaceImages(faceId:$id, imageIds:["face-image-auth"]){ __typename } }',
  ],
  ['createFaceList', 'mutation{ createFaceList(input:{name:"x"}){ __typename } }'],
  ['updateFaceList', 'mutation($id:Int!){ updateFaceList(id:$id, input:{name:"x"}){ __typename } }'],
  ['deleteFaceList', 'mutation($id:Int!){ deleteFaceList(id:$id){ __typename } }'],
  ['addFaceListFace', 'mutation($id:Int!){ addFaceListFace(faceListId:$id, faceId:$id){ __typename } }'],
  ['removeFaceListFace', 'mutation($id:Int!){ removeFaceListFace(faceListId:$id, faceId:$id){ __typename } }'],
  ['createPlate', 'mutation{ createPlate(input:{number:"X 1"}){ __typename } }'],
  ['updatePlate', 'mutation($id:Int!){ updatePlate(id:$id, input:{number:"X 1"}){ __typename } }'],
  ['deletePlate', 'mutation($id:Int!){ deletePlate(id:$id){ __typename } }'],
  ['createPlateList', 'mutation{ createPlateList(input:{name:"x"}){ __typename } }'],
  ['updatePlateList', 'mutation($id:Int!){ updatePlateList(id:$id, input:{name:"x"}){ __typename } }'],
  ['deletePlateList', 'mutation($id:Int!){ deletePlateList(id:$id){ __typename } }'],
  ['addPlateListPlate', 'mutation($id:Int!){ addPlateListPlate(plateListId:$id, plateId:$id){ __typename } }'],
  ['removePlateListPlate', 'mutation($id:Int!){ removePlateListPlate(plateListId:$id, plateId:$id){ __typename } }'],
];
const variablesOf = (query: string) => (query.includes('$id') ? { id: 1 } : {});

describe('authentication and permissions', () => {
  it('answers UNAUTHENTICATED without a token', async () => {
    expect(code(await h.anonymous.request('{ faces { nodes { id } } }'))).toBe('UNAUTHENTICATED');
    expect(code(await h.anonymous.request('mutation{ createPlate(input:{number:"X"}){ __typename } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it.each(MUTATIONS)('refuses %s to a read-only viewer (FORBIDDEN)', async (_, mutation) => {
    expect(code(await viewer.request(mutation, variablesOf(mutation)))).toBe('FORBIDDEN');
  });

  it('lets a read-only viewer read everything of the organization', async () => {
    const seen = await viewer.query(
      `query($f:Int!){ faces { nodes { id images { nodes { id } } } } faceImages(faceId:$f){ nodes { id } }
      faceLists { nodes { id faceCount faces { nodes { id } } } } plates { nodes { id } } plateLists { nodes { id plateCount plates { nodes { id } } } } }`,
      { f: a.face },
    );
    expect(seen.faces.nodes).toEqual([{ id: a.face, images: { nodes: [{ id: 'face-image-auth' }] } }]);
    expect(seen.faceImages.nodes).toEqual([{ id: 'face-image-auth' }]);
    expect(seen.faceLists.nodes).toEqual([{ id: a.faceList, faceCount: 1, faces: { nodes: [{ id: a.face }] } }]);
    expect(seen.plates.nodes).toEqual([{ id: a.plate }]);
    expect(seen.plateLists.nodes).toEqual([{ id: a.plateList, plateCount: 0, plates: { nodes: [] } }]);
  });

  it('checks each read permission on its own', async () => {
    const faceReader = await h.user({ organizationId: orgA, role: await h.role(['face_read']) });
    expect((await faceReader.query('{ faces { nodes { images { nodes { id } } } } }')).faces.nodes).toHaveLength(1);
    expect(
      code(await faceReader.request('query($f:Int!){ faceImages(faceId:$f){ nodes { id } } }', { f: a.face })),
    ).toBe('FORBIDDEN');
    for (const query of [
      '{ faceLists { nodes { id } } }',
      '{ plates { nodes { id } } }',
      '{ plateLists { nodes { id } } }',
      '{ face(id:1){ id } faceList(id:1){ id } }',
    ]) {
      expect(code(await faceReader.request(query))).toBe('FORBIDDEN');
    }
    const listReader = await h.user({ organizationId: orgA, role: await h.role(['facelist_read', 'platelist_read']) });
    expect(
      (await listReader.query('query($id:Int!){ faceList(id:$id){ faceCount } }', { id: a.faceList })).faceList,
    ).toEqual({ faceCount: 1 });
    expect(
      code(
        await listReader.request('query($id:Int!){ faceList(id:$id){ faces { nodes { id } } } }', { id: a.faceList }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await listReader.request('query($id:Int!){ plateList(id:$id){ plates { nodes { id } } } }', {
          id: a.plateList,
        }),
      ),
    ).toBe('FORBIDDEN');
    const memberReader = await h.user({
      organizationId: orgA,
      role: await h.role(['facelist_read', 'facelist_face_read']),
    });
    expect(
      (await memberReader.query('query($id:Int!){ faceList(id:$id){ faces { nodes { id } } } }', { id: a.faceList }))
        .faceList.faces.nodes,
    ).toEqual([{ id: a.face }]);
  });
});

describe('organizations', () => {
  it("hides another organization's objects: null, empty lists, NOT_FOUND on changes", async () => {
    const seen = await stranger.query(
      `query($f:Int!,$fl:Int!,$p:Int!,$pl:Int!){ face(id:$f){ id } faceList(id:$fl){ id } plate(id:$p){ id } plateList(id:$pl){ id }
      faceImages(faceId:$f){ nodes { id } } faces { nodes { id } } faceLists { nodes { id } } plates { nodes { id } } plateLists { nodes { id } } }`,
      { f: a.face, fl: a.faceList, p: a.plate, pl: a.plateList },
    );
    expect(seen).toEqual({
      face: null,
      faceList: null,
      plate: null,
      plateList: null,
      faceImages: null,
      faces: { nodes: [] },
      faceLists: { nodes: [] },
      plates: { nodes: [] },
      plateLists: { nodes: [] },
    });
    const changes: [string, Record<string, unknown>][] = [
      ['mutation($id:Int!){ r: updateFace(id:$id, input:{fullName:"x"}){ __typename } }', { id: a.face }],
      ['mutation($id:Int!){ r: deleteFace(id:$id){ __typename } }', { id: a.face }],
      ['mutation($id:Int!){ r: addFaceImages(faceId:$id, imageIds:["face-image-y"]){ __typename } }', { id: a.face }],
      [
        'mutation($id:Int!){ r: removeFaceImages(faceId:$id, imageIds:["face-image-auth"]){ __typename } }',
        { id: a.face },
      ],
      ['mutation($id:Int!){ r: updateFaceList(id:$id, input:{name:"x"}){ __typename } }', { id: a.faceList }],
      ['mutation($id:Int!){ r: deleteFaceList(id:$id){ __typename } }', { id: a.faceList }],
      [
        'mutation($l:Int!,$f:Int!){ r: removeFaceListFace(faceListId:$l, faceId:$f){ __typename } }',
        { l: a.faceList, f: a.face },
      ],
      ['mutation($id:Int!){ r: updatePlate(id:$id, input:{number:"x"}){ __typename } }', { id: a.plate }],
      ['mutation($id:Int!){ r: deletePlate(id:$id){ __typename } }', { id: a.plate }],
      ['mutation($id:Int!){ r: deletePlateList(id:$id){ __typename } }', { id: a.plateList }],
    ];
    for (const [mutation, variables] of changes)
      expect((await stranger.query(mutation, variables)).r.__typename).toBe('NotFoundError');
    const ownList = (
      await stranger.query('mutation{ createFaceList(input:{name:"B list"}){ ... on FaceList { id } } }')
    ).createFaceList.id;
    const borrowed = await stranger.query(
      'mutation($l:Int!,$f:Int!){ addFaceListFace(faceListId:$l, faceId:$f){ __typename ... on Error { message } } }',
      { l: ownList, f: a.face },
    );
    expect(borrowed.addFaceListFace).toEqual({ __typename: 'NotFoundError', message: 'Face not found' });
    expect(
      (await manager.query('query($id:Int!){ face(id:$id){ images { nodes { id } } } }', { id: a.face })).face.images
        .nodes,
    ).toEqual([{ id: 'face-image-auth' }]);
  });

  it('refuses uploads of another organization as unknown', async () => {
    const ownFace = (await stranger.query('mutation{ createFace(input:{}){ ... on Face { id } } }')).createFace.id;
    const attach = 'mutation($f:Int!,$i:[ID!]!){ addFaceImages(faceId:$f, imageIds:$i){ __typename } }';
    expect((await stranger.query(attach, { f: ownFace, i: [`face-image-1@${orgA}`] })).addFaceImages.__typename).toBe(
      'NotFoundError',
    );
    expect((await stranger.query(attach, { f: ownFace, i: [`face-image-1@${orgB}`] })).addFaceImages.__typename).toBe(
      'Face',
    );
    const plate = 'mutation($i:String!){ createPlate(input:{number:"IMG 9", vehicleImageId:$i}){ __typename } }';
    expect((await stranger.query(plate, { i: `vehicle-image-1@${orgA}` })).createPlate.__typename).toBe(
      'InvalidRequestError',
    );
    expect((await stranger.query(plate, { i: `vehicle-image-1@${orgB}` })).createPlate.__typename).toBe('Plate');
  });

  it("keeps a face's images in the face's organization when a superuser attaches them", async () => {
    const ownFace = (await stranger.query('mutation{ createFace(input:{}){ ... on Face { id } } }')).createFace.id;
    const attach =
      'mutation($f:Int!,$i:[ID!]!){ addFaceImages(faceId:$f, imageIds:$i){ __typename ... on Error { message } } }';
    expect((await h.admin.query(attach, { f: ownFace, i: [`face-image-su@${orgA}`] })).addFaceImages).toEqual({
      __typename: 'NotFoundError',
      message: `Images not found: face-image-su@${orgA}`,
    });
    expect((await h.admin.query(attach, { f: ownFace, i: [`face-image-su@${orgB}`] })).addFaceImages.__typename).toBe(
      'Face',
    );
  });

  it('resolves entity references only for what the caller sees', async () => {
    const refs = [
      { __typename: 'Face', id: a.face },
      { __typename: 'FaceList', id: a.faceList },
      { __typename: 'Plate', id: a.plate },
      { __typename: 'PlateList', id: a.plateList },
    ];
    expect((await manager.query(ENTITIES, { r: refs }))._entities).toEqual([
      { id: a.face },
      { id: a.faceList },
      { id: a.plate },
      { id: a.plateList },
    ]);
    expect((await stranger.query(ENTITIES, { r: refs }))._entities).toEqual([null, null, null, null]);
  });

  it('lets superusers see and act in every organization, and name the organization of what they create', async () => {
    const bFace = (await stranger.query('mutation{ createFace(input:{fullName:"B"}){ ... on Face { id } } }'))
      .createFace.id;
    const all = (await h.admin.query('{ faces { nodes { id organizationId } } }')).faces.nodes;
    expect(all).toEqual(
      expect.arrayContaining([
        { id: a.face, organizationId: orgA },
        { id: bFace, organizationId: orgB },
      ]),
    );
    const ofB = (
      await h.admin.query('query($o:Int){ faces(organizationId:$o){ nodes { id organizationId } } }', { o: orgB })
    ).faces.nodes;
    expect(ofB).toContainEqual({ id: bFace, organizationId: orgB });
    expect(ofB.every((n: { organizationId: number }) => n.organizationId === orgB)).toBe(true);
    expect(
      (await manager.query('query($o:Int){ faces(organizationId:$o){ nodes { id } } }', { o: orgB })).faces.nodes,
    ).toEqual([]);

    const created = await h.admin.query(
      'mutation($o:Int){ createPlateList(input:{name:"Made by admin"}, organizationId:$o){ ... on PlateList { id organizationId } } }',
      { o: orgB },
    );
    expect(created.createPlateList.organizationId).toBe(orgB);
    expect(
      (await stranger.query('query($id:Int!){ plateList(id:$id){ id } }', { id: created.createPlateList.id }))
        .plateList,
    ).toEqual({ id: created.createPlateList.id });
    const unknown = await h.admin.query(
      'mutation{ createFace(input:{}, organizationId:999999){ __typename ... on Error { message } } }',
    );
    expect(unknown.createFace).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Provided organization does not exist',
    });
    const notSuper = await manager.query(
      'mutation($o:Int){ createPlate(input:{number:"Q 1"}, organizationId:$o){ __typename ... on Error { message } } }',
      { o: orgA },
    );
    expect(notSuper.createPlate).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Organization was provided despite the user is not superuser',
    });

    const mixed = await h.admin.query(
      'mutation($l:Int!,$f:Int!){ addFaceListFace(faceListId:$l, faceId:$f){ __typename ... on Error { message } } }',
      { l: a.faceList, f: bFace },
    );
    expect(mixed.addFaceListFace).toEqual({ __typename: 'NotFoundError', message: 'Face not found' });
    const updated = await h.admin.query(
      'mutation($id:Int!){ updateFace(id:$id, input:{fullName:"B2"}){ ... on Face { fullName organizationId } } }',
      { id: bFace },
    );
    expect(updated.updateFace).toEqual({ fullName: 'B2', organizationId: orgB });
  });
});
