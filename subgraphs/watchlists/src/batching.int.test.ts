import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatchlists, type Caller, type WatchlistsHarness } from '../../../test/support/watchlists-harness.js';

let h: WatchlistsHarness;
let caller: Caller;
const faces: number[] = [];

beforeAll(async () => {
  h = await startWatchlists();
  caller = await h.user({ organizationId: await h.organization() });
  for (let f = 0; f < 100; f += 1) {
    const id = (
      await caller.query('mutation($n:String){ createFace(input:{fullName:$n}){ ... on Face { id } } }', {
        n: `Face ${f}`,
      })
    ).createFace.id;
    await caller.query('mutation($f:Int!,$i:[ID!]!){ addFaceImages(faceId:$f, imageIds:$i){ __typename } }', {
      f: id,
      i: [`face-image-${f}-a`, `face-image-${f}-b`],
    });
    faces.push(id);
  }
  for (let l = 0; l < 12; l += 1) {
    const listId = (
      await caller.query('mutation($n:String!){ createFaceList(input:{name:$n}){ ... on FaceList { id } } }', {
        n: `List ${l}`,
      })
    ).createFaceList.id;
    for (const faceId of faces.slice(l * 5, l * 5 + 5)) {
      await caller.query('mutation($l:Int!,$f:Int!){ addFaceListFace(faceListId:$l, faceId:$f){ __typename } }', {
        l: listId,
        f: faceId,
      });
    }
    const plateListId = (
      await caller.query('mutation($n:String!){ createPlateList(input:{name:$n}){ ... on PlateList { id } } }', {
        n: `Plates ${l}`,
      })
    ).createPlateList.id;
    for (let p = 0; p < 3; p += 1) {
      const plateId = (
        await caller.query('mutation($n:String!){ createPlate(input:{number:$n}){ ... on Plate { id } } }', {
          n: `B${l}-${p}`,
        })
      ).createPlate.id;
      await caller.query('mutation($l:Int!,$p:Int!){ addPlateListPlate(plateListId:$l, plateId:$p){ __typename } }', {
        l: plateListId,
        p: plateId,
      });
    }
  }
}, 180_000);
afterAll(() => h?.stop());

/** SQL statements the watchlists part runs to answer one request. */
async function statementsFor(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ count: number; data: any }> {
  const before = h.statements.count;
  const data = await caller.query(query, variables);
  return { count: h.statements.count - before, data };
}

describe('no N+1', () => {
  it('answers a page of 100 faces with their images in a fixed number of statements', async () => {
    const query = 'query($f:Int!){ faces(first:$f){ nodes { id fullName images { nodes { id url face { id } } } } } }';
    const small = await statementsFor(query, { f: 10 });
    const large = await statementsFor(query, { f: 100 });
    expect(large.data.faces.nodes).toHaveLength(100);
    expect(large.data.faces.nodes[99].images.nodes).toHaveLength(2);
    // faces, images of faces, faces of those images
    expect(large.count).toBe(3);
    expect(small.count).toBe(large.count);
  });

  it("answers face lists with their counts, faces and the faces' images in a fixed number of statements", async () => {
    const query =
      'query($f:Int!){ faceLists(first:$f){ nodes { id faceCount faces(first:10){ nodes { id images { nodes { id } } } } } } }';
    const small = await statementsFor(query, { f: 10 });
    const large = await statementsFor(query, { f: 100 });
    expect(large.data.faceLists.nodes).toHaveLength(12);
    expect(large.data.faceLists.nodes.map((l: { faceCount: number }) => l.faceCount)).toEqual(Array(12).fill(5));
    expect(large.data.faceLists.nodes[11].faces.nodes[0].images.nodes).toHaveLength(2);
    // face lists, face counts, faces of lists, images of faces
    expect(large.count).toBe(4);
    expect(small.count).toBe(large.count);
  });

  it('answers plate lists with their counts and plates in a fixed number of statements', async () => {
    const { count, data } = await statementsFor(
      '{ plateLists { nodes { id plateCount plates { nodes { id number vehicleImageUrl } } } } }',
    );
    expect(data.plateLists.nodes).toHaveLength(12);
    expect(
      data.plateLists.nodes.every(
        (l: { plateCount: number; plates: { nodes: unknown[] } }) => l.plateCount === 3 && l.plates.nodes.length === 3,
      ),
    ).toBe(true);
    // plate lists, plate counts, plates of lists
    expect(count).toBe(3);
  });

  it('resolves many entity references in one statement per type', async () => {
    const refs = faces.slice(0, 50).map((id) => ({ __typename: 'Face', id }));
    const { count, data } = await statementsFor(
      'query($r:[_Any!]!){ _entities(representations:$r){ ... on Face { id images { nodes { id } } } } }',
      { r: refs },
    );
    expect(data._entities).toHaveLength(50);
    // faces, images of faces
    expect(count).toBe(2);
  });
});
