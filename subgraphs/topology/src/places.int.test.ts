import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M } from './repositories/place.repository.js';
import { startTopology, type Caller, type TopologyHarness } from '../../../test/support/topology-harness.js';

let h: TopologyHarness;
let organizationId: number;
let manager: Caller;

beforeAll(async () => {
  h = await startTopology();
  organizationId = await h.organization();
  manager = await h.user({ organizationId });
});
afterAll(() => h?.stop());

const PLACE = 'id organizationId name description latitude longitude planCount cameraCount groupId createdAt updatedAt';
const CREATE = `mutation($i:PlaceInput!){ createPlace(input:$i){ __typename ... on Place { ${PLACE} } ... on Error { message } } }`;
const UPDATE = `mutation($id:Int!,$i:PlaceInput!){ updatePlace(id:$id, input:$i){ __typename ... on Place { ${PLACE} } ... on Error { message } } }`;
const DELETE = 'mutation($id:Int!){ deletePlace(id:$id){ __typename ... on Error { message } } }';
const LIST =
  'query($f:Int,$a:String,$q:String,$lat:Float,$lon:Float,$r:Float,$wg:Boolean,$g:Int){ places(first:$f, after:$a, query:$q, latitude:$lat, longitude:$lon, radius:$r, withoutGroups:$wg, groupId:$g){ nodes { id name } pageInfo { endCursor hasNextPage } } }';

async function createPlace(
  caller: Caller,
  input: Record<string, unknown>,
): Promise<{ id: number; [k: string]: unknown }> {
  const data = await caller.query(CREATE, { i: input });
  expect(data.createPlace.__typename).toBe('Place');
  return data.createPlace;
}

describe('places CRUD', () => {
  it('creates, reads, updates and deletes a place, writing audit entries', async () => {
    const place = await createPlace(manager, {
      name: ' Warehouse ',
      description: 'North gate',
      latitude: 52.52,
      longitude: 13.405,
    });
    expect(place).toMatchObject({
      name: 'Warehouse',
      description: 'North gate',
      latitude: 52.52,
      longitude: 13.405,
      organizationId,
      planCount: 0,
      cameraCount: 0,
      groupId: null,
    });

    const read = await manager.query(`query($id:Int!){ place(id:$id){ __typename ${PLACE} } }`, { id: place.id });
    expect(read.place).toEqual(place);

    const updated = await manager.query(UPDATE, { id: place.id, i: { name: 'Warehouse 2' } });
    expect(updated.updatePlace).toMatchObject({
      name: 'Warehouse 2',
      description: null,
      latitude: null,
      longitude: null,
    });
    expect(new Date(updated.updatePlace.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(place.createdAt as string).getTime(),
    );

    expect((await manager.query(DELETE, { id: place.id })).deletePlace.__typename).toBe('Ok');
    expect((await manager.query(`query($id:Int!){ place(id:$id){ id } }`, { id: place.id })).place).toBeNull();
    expect((await manager.query(DELETE, { id: place.id })).deletePlace.__typename).toBe('NotFoundError');

    const logs = await h.admin.identity(
      '{ auditLogs(organizationId: null, actionTypes:[place_create, place_update, place_delete], orderBy: CREATED_AT_ASC){ nodes { actionType organizationId meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { place_id?: number } }) => n.meta.place_id === place.id);
    expect(mine.map((n: { actionType: string }) => n.actionType)).toEqual([
      'place_create',
      'place_update',
      'place_delete',
    ]);
    expect(mine.every((n: { organizationId: number }) => n.organizationId === organizationId)).toBe(true);
  });

  it('refuses bad input with the field at fault', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: '  ' }, ['input', 'name']],
      [{ name: 'x'.repeat(256) }, ['input', 'name']],
      [{ name: 'ok', description: 'x'.repeat(2049) }, ['input', 'description']],
      [{ name: 'ok', latitude: 91, longitude: 0 }, ['input', 'latitude']],
      [{ name: 'ok', latitude: 0, longitude: -180.5 }, ['input', 'longitude']],
      [{ name: 'ok', latitude: 10 }, ['input', 'longitude']],
    ];
    for (const [input, field] of cases) {
      const result = await manager.request(CREATE, { i: input });
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('lets only a superuser name another organization', async () => {
    const other = await h.organization();
    const refused = await manager.query(
      'mutation($o:Int){ createPlace(input:{name:"x"}, organizationId:$o){ __typename } }',
      { o: other },
    );
    expect(refused.createPlace.__typename).toBe('InvalidRequestError');
    const byAdmin = await h.admin.query(
      'mutation($o:Int){ createPlace(input:{name:"x"}, organizationId:$o){ ... on Place { organizationId } } }',
      { o: other },
    );
    expect(byAdmin.createPlace.organizationId).toBe(other);
    const unknown = await h.admin.query(
      'mutation{ createPlace(input:{name:"x"}, organizationId: 999999){ __typename } }',
    );
    expect(unknown.createPlace.__typename).toBe('InvalidRequestError');
  });

  it('refuses to delete a place with plans (400) and counts its plans', async () => {
    const place = await createPlace(manager, { name: 'With plans' });
    await manager.query(
      'mutation($p:Int!){ createPlan(input:{name:"Floor 1", placeId:$p, imageId:"plan-image-1"}){ __typename } }',
      { p: place.id },
    );
    const refused = await manager.query(DELETE, { id: place.id });
    expect(refused.deletePlace).toEqual({ __typename: 'InvalidRequestError', message: 'Place has plans' });
    const read = await manager.query(
      'query($id:Int!){ place(id:$id){ planCount cameraCount plans { nodes { name } } } }',
      { id: place.id },
    );
    expect(read.place).toEqual({ planCount: 1, cameraCount: 0, plans: { nodes: [{ name: 'Floor 1' }] } });
  });

  it('needs the permission to create (viewer role: FORBIDDEN)', async () => {
    const viewer = await h.user({ organizationId, role: 'viewer' });
    const result = await viewer.request(CREATE, { i: { name: 'nope' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('listing places', () => {
  it('pages through every place by cursor', async () => {
    const org = await h.organization();
    const caller = await h.user({ organizationId: org });
    const ids: number[] = [];
    for (let i = 0; i < 25; i += 1) ids.push((await createPlace(caller, { name: `Site ${i}` })).id);
    const seen: number[] = [];
    let after: string | null = null;
    const pages: number[] = [];
    for (;;) {
      const data: any = await caller.query(LIST, { f: 10, a: after });
      pages.push(data.places.nodes.length);
      seen.push(...data.places.nodes.map((n: { id: number }) => n.id));
      if (!data.places.pageInfo.hasNextPage) {
        expect(data.places.pageInfo.endCursor).toBeNull();
        break;
      }
      after = data.places.pageInfo.endCursor;
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(seen).toEqual(ids);
  });

  it('refuses a page size out of bounds and a bad cursor', async () => {
    expect((await manager.request(LIST, { f: 5 })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['first'],
      kind: 'out_of_range',
    });
    expect((await manager.request(LIST, { a: 'garbage' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['after'],
    });
  });

  it('searches by case-insensitive name inclusion, with wildcards taken literally', async () => {
    const org = await h.organization();
    const caller = await h.user({ organizationId: org });
    for (const name of ['Main Gate', 'Back gate', 'Parking', '100% Gate_A']) await createPlace(caller, { name });
    const names = async (q: string) =>
      (await caller.query(LIST, { q })).places.nodes.map((n: { name: string }) => n.name);
    expect(await names('GATE')).toEqual(['Main Gate', 'Back gate', '100% Gate_A']);
    expect(await names('%')).toEqual(['100% Gate_A']);
    expect(await names('e_a')).toEqual(['100% Gate_A']);
    expect(await names('nothing')).toEqual([]);
  });
});

describe('geo filter', () => {
  const center = { latitude: 48.8566, longitude: 2.3522 };

  /** The point `metres` away from `from` on initial bearing `bearing` (degrees), on the same sphere. */
  function destination(from: { latitude: number; longitude: number }, metres: number, bearing: number) {
    const rad = Math.PI / 180;
    const d = metres / EARTH_RADIUS_M;
    const φ1 = from.latitude * rad;
    const λ1 = from.longitude * rad;
    const θ = bearing * rad;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    return { latitude: φ2 / rad, longitude: ((λ2 / rad + 540) % 360) - 180 };
  }

  it('keeps exactly the places within the great-circle radius, not a bounding box', async () => {
    const org = await h.organization();
    const caller = await h.user({ organizationId: org });
    const spots = [
      { name: 'in-north', at: destination(center, 999.5, 0), inside: true },
      { name: 'out-north', at: destination(center, 1000.5, 0), inside: false },
      { name: 'in-diagonal', at: destination(center, 999.5, 45), inside: true },
      { name: 'out-diagonal', at: destination(center, 1000.5, 225), inside: false },
      { name: 'in-west', at: destination(center, 10, 270), inside: true },
      // within the square around the circle but outside the circle itself
      {
        name: 'box-corner',
        at: { latitude: destination(center, 900, 0).latitude, longitude: destination(center, 900, 90).longitude },
        inside: false,
      },
    ];
    for (const spot of spots) await createPlace(caller, { name: spot.name, ...spot.at });
    await createPlace(caller, { name: 'nowhere' });
    const found = await caller.query(LIST, { lat: center.latitude, lon: center.longitude, r: 1000 });
    expect(found.places.nodes.map((n: { name: string }) => n.name).sort()).toEqual(
      spots
        .filter((s) => s.inside)
        .map((s) => s.name)
        .sort(),
    );
  });

  it('measures across the antimeridian', async () => {
    const org = await h.organization();
    const caller = await h.user({ organizationId: org });
    await createPlace(caller, { name: 'east', latitude: 0, longitude: 179.9995 });
    await createPlace(caller, { name: 'west', latitude: 0, longitude: -179.9995 });
    const found = await caller.query(LIST, { lat: 0, lon: 179.9995, r: 150 });
    expect(found.places.nodes.map((n: { name: string }) => n.name)).toEqual(['east', 'west']);
  });

  it('wants latitude, longitude and radius together, and a positive radius', async () => {
    const partial = await manager.request(LIST, { lat: 1, lon: 2 });
    expect(partial.errors?.[0]?.extensions?.code).toBe('INVALID_REQUEST');
    const negative = await manager.request(LIST, { lat: 1, lon: 2, r: -5 });
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['radius'],
      kind: 'not_positive',
    });
  });
});
