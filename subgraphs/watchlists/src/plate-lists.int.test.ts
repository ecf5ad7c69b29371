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

const LIST = 'id organizationId name description priority plateCount';
const CREATE = `mutation($i:PlateListInput!){ createPlateList(input:$i){ __typename ... on PlateList { ${LIST} } ... on Error { message } } }`;
const UPDATE = `mutation($id:Int!,$i:PlateListInput!){ updatePlateList(id:$id, input:$i){ __typename ... on PlateList { ${LIST} } ... on Error { message } } }`;
const DELETE = 'mutation($id:Int!){ deletePlateList(id:$id){ __typename ... on Error { message } } }';
const ADD =
  'mutation($l:Int!,$p:Int!){ addPlateListPlate(plateListId:$l, plateId:$p){ __typename ... on Error { message } } }';
const REMOVE =
  'mutation($l:Int!,$p:Int!){ removePlateListPlate(plateListId:$l, plateId:$p){ __typename ... on Error { message } } }';
const PLATES = 'query($id:Int!){ plateList(id:$id){ plateCount plates { nodes { id number } } } }';

let serial = 0;
async function list(name = `Plates ${++serial}`): Promise<number> {
  const data = await caller.query(CREATE, { i: { name } });
  expect(data.createPlateList.__typename).toBe('PlateList');
  return data.createPlateList.id;
}

async function plate(number = `PL ${++serial}`): Promise<number> {
  return (
    await caller.query('mutation($n:String!){ createPlate(input:{number:$n}){ ... on Plate { id } } }', { n: number })
  ).createPlate.id;
}

describe('plate lists', () => {
  it('creates, reads, updates and deletes a list, writing audit entries', async () => {
    const created = (
      await caller.query(CREATE, { i: { name: 'Stolen', description: 'Police reports', priority: 'MEDIUM' } })
    ).createPlateList;
    expect(created).toMatchObject({
      __typename: 'PlateList',
      organizationId,
      name: 'Stolen',
      description: 'Police reports',
      priority: 'MEDIUM',
      plateCount: 0,
    });
    expect(
      (await caller.query(`query($id:Int!){ plateList(id:$id){ __typename ${LIST} } }`, { id: created.id })).plateList,
    ).toEqual(created);
    expect(
      (await caller.query(UPDATE, { id: created.id, i: { name: 'Stolen cars', priority: 'HIGH' } })).updatePlateList,
    ).toMatchObject({ name: 'Stolen cars', priority: 'HIGH', description: null });
    expect((await caller.query('{ plateLists(name:"Stolen cars"){ nodes { id } } }')).plateLists.nodes).toEqual([
      { id: created.id },
    ]);
    expect((await caller.query(DELETE, { id: created.id })).deletePlateList.__typename).toBe('Ok');
    expect((await caller.query('query($id:Int!){ plateList(id:$id){ id } }', { id: created.id })).plateList).toBeNull();
    expect((await caller.query(DELETE, { id: created.id })).deletePlateList.__typename).toBe('NotFoundError');

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[platelist_create, platelist_update, platelist_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter(
      (n: { meta: { platelist_id?: number } }) => n.meta.platelist_id === created.id,
    );
    expect(mine.map((n: { actionType: string }) => n.actionType)).toEqual([
      'platelist_create',
      'platelist_update',
      'platelist_delete',
    ]);
  });

  it('refuses a duplicate name (400)', async () => {
    await list('Taken');
    const other = await list();
    expect((await caller.query(CREATE, { i: { name: 'Taken' } })).createPlateList).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Plate list with provided name already exists',
    });
    expect((await caller.query(UPDATE, { id: other, i: { name: 'Taken' } })).updatePlateList.__typename).toBe(
      'InvalidRequestError',
    );
  });

  it('adds and removes plates with their count, refusing a plate twice, unknown ones and non-empty deletes', async () => {
    const listId = await list();
    const [a, b] = [await plate('AA 1'), await plate('BB 2')];
    expect((await caller.query(ADD, { l: listId, p: a })).addPlateListPlate.__typename).toBe('Ok');
    expect((await caller.query(ADD, { l: listId, p: b })).addPlateListPlate.__typename).toBe('Ok');
    expect((await caller.query(ADD, { l: listId, p: a })).addPlateListPlate).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Plate is already in the plate list',
    });
    expect((await caller.query(ADD, { l: listId, p: 999999 })).addPlateListPlate).toEqual({
      __typename: 'NotFoundError',
      message: 'Plate not found',
    });
    expect((await caller.query(ADD, { l: 999999, p: a })).addPlateListPlate).toEqual({
      __typename: 'NotFoundError',
      message: 'Plate list not found',
    });
    expect((await caller.query(PLATES, { id: listId })).plateList).toEqual({
      plateCount: 2,
      plates: {
        nodes: [
          { id: a, number: 'AA 1' },
          { id: b, number: 'BB 2' },
        ],
      },
    });

    expect((await caller.query(DELETE, { id: listId })).deletePlateList).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Plate list has plates',
    });
    expect((await caller.query(REMOVE, { l: listId, p: a })).removePlateListPlate.__typename).toBe('Ok');
    expect((await caller.query(REMOVE, { l: listId, p: a })).removePlateListPlate).toEqual({
      __typename: 'NotFoundError',
      message: 'Plate is not in the plate list',
    });
    await caller.query('mutation($id:Int!){ deletePlate(id:$id){ __typename } }', { id: b });
    expect((await caller.query(PLATES, { id: listId })).plateList).toEqual({ plateCount: 0, plates: { nodes: [] } });
    expect((await caller.query(DELETE, { id: listId })).deletePlateList.__typename).toBe('Ok');

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[platelist_plate_create, platelist_plate_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter(
      (n: { meta: { platelist_id?: number } }) => n.meta.platelist_id === listId,
    );
    expect(mine.map((n: { actionType: string; meta: unknown }) => [n.actionType, n.meta])).toEqual([
      ['platelist_plate_create', { platelist_id: listId, plate_id: a }],
      ['platelist_plate_create', { platelist_id: listId, plate_id: b }],
      ['platelist_plate_delete', { platelist_id: listId, plate_id: a }],
    ]);
  });

  it("walks every page of a list's plates", async () => {
    const listId = await list();
    const plates: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      plates.push(await plate());
      await caller.query(ADD, { l: listId, p: plates[i] });
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await caller.query(
          'query($id:Int!,$a:String){ plateList(id:$id){ plates(first:10, after:$a){ nodes { id } pageInfo { endCursor hasNextPage } } } }',
          { id: listId, a: after },
        )
      ).plateList.plates;
      seen.push(...page.nodes.map((n: { id: number }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(plates);
  });
});
