import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Caller, type TopologyHarness } from '../../../test/support/topology-harness.js';

let h: TopologyHarness;
let orgA: number;
let groupOne: number;
let groupTwo: number;
/** administrator of organization A, in no group */
let manager: Caller;
/** administrator of organization A, member of group one */
let member: Caller;
/** administrator of organization B */
let stranger: Caller;
const places: Record<'one' | 'two' | 'loose', number> = { one: 0, two: 0, loose: 0 };
const plans: Record<'one' | 'two', number> = { one: 0, two: 0 };
const cameras: Record<'one' | 'two', string> = { one: '', two: '' };

const ADD_PLACES =
  'mutation($g:Int!,$p:[Int!]!){ addGroupPlaces(groupId:$g, placeIds:$p){ __typename ... on Error { message } } }';
const REMOVE_PLACES =
  'mutation($g:Int!,$p:[Int!]!){ removeGroupPlaces(groupId:$g, placeIds:$p){ __typename ... on Error { message } } }';
const ENTITIES =
  'query($r:[_Any!]!){ _entities(representations:$r){ ... on Group { id placeCount places { nodes { id } } } ... on Place { id } ... on Plan { id } ... on Camera { cameraId: id } } }';

const ids = (nodes: { id: number | string }[]) => nodes.map((n) => n.id);

beforeAll(async () => {
  h = await startTopology();
  orgA = await h.organization();
  [groupOne, groupTwo] = [await h.group(orgA), await h.group(orgA)];
  manager = await h.user({ organizationId: orgA });
  member = await h.user({ organizationId: orgA, groupId: groupOne });
  stranger = await h.user({ organizationId: await h.organization() });
  for (const key of ['one', 'two', 'loose'] as const) {
    places[key] = (
      await manager.query('mutation($n:String!){ createPlace(input:{name:$n}){ ... on Place { id } } }', {
        n: `Place ${key}`,
      })
    ).createPlace.id;
  }
  for (const key of ['one', 'two'] as const) {
    plans[key] = (
      await manager.query(
        'mutation($p:Int!){ createPlan(input:{name:"Floor", placeId:$p, imageId:"plan-image-1"}){ ... on Plan { id } } }',
        { p: places[key] },
      )
    ).createPlan.id;
    cameras[key] = (
      await manager.query(
        'mutation($p:Int!){ createCamera(input:{name:"Cam", placeId:$p, source:{url:"rtsp://cam/1"}}){ ... on Camera { id } } }',
        { p: places[key] },
      )
    ).createCamera.id;
  }
  expect((await manager.query(ADD_PLACES, { g: groupOne, p: [places.one] })).addGroupPlaces.__typename).toBe('Ok');
  expect((await manager.query(ADD_PLACES, { g: groupTwo, p: [places.two] })).addGroupPlaces.__typename).toBe('Ok');
});
afterAll(() => h?.stop());

describe('visibility', () => {
  it('shows a member of a group only the places of the group and what is on them', async () => {
    const seen = await member.query(
      '{ places { nodes { id } } plans { nodes { id } } cameras { nodes { id } } cameraStats { totalCount } }',
    );
    expect(ids(seen.places.nodes)).toEqual([places.one]);
    expect(ids(seen.plans.nodes)).toEqual([plans.one]);
    expect(ids(seen.cameras.nodes)).toEqual([cameras.one]);
    expect(seen.cameraStats.totalCount).toBe(1);
    const hidden = await member.query(
      'query($p:Int!,$pl:Int!,$c:ID!){ place(id:$p){ id } plan(id:$pl){ id } camera(id:$c){ id } }',
      { p: places.two, pl: plans.two, c: cameras.two },
    );
    expect(hidden).toEqual({ place: null, plan: null, camera: null });
  });

  it('shows someone in no group the whole organization, and another organization nothing', async () => {
    const seen = await manager.query('{ places { nodes { id } } cameras { nodes { id } } }');
    expect(ids(seen.places.nodes)).toEqual([places.one, places.two, places.loose]);
    expect(ids(seen.cameras.nodes)).toEqual([cameras.one, cameras.two]);
    const foreign = await stranger.query(
      'query($p:Int!,$pl:Int!,$c:ID!){ place(id:$p){ id } plan(id:$pl){ id } camera(id:$c){ id } places { nodes { id } } }',
      { p: places.one, pl: plans.one, c: cameras.one },
    );
    expect(foreign).toEqual({ place: null, plan: null, camera: null, places: { nodes: [] } });
  });

  it('answers NOT_FOUND or 400 when changing what the caller cannot see', async () => {
    const update = await member.query('mutation($id:Int!){ updatePlace(id:$id, input:{name:"x"}){ __typename } }', {
      id: places.two,
    });
    expect(update.updatePlace.__typename).toBe('NotFoundError');
    const remove = await stranger.query('mutation($id:ID!){ deleteCamera(id:$id){ __typename } }', { id: cameras.one });
    expect(remove.deleteCamera.__typename).toBe('NotFoundError');
    const deletePlan = await stranger.query('mutation($id:Int!){ deletePlan(id:$id){ __typename } }', {
      id: plans.one,
    });
    expect(deletePlan.deletePlan.__typename).toBe('NotFoundError');
    const create = await member.query(
      'mutation($p:Int!){ createCamera(input:{name:"x", placeId:$p, source:{url:"rtsp://c/1"}}){ __typename ... on Error { message } } }',
      { p: places.two },
    );
    expect(create.createCamera).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Provided place does not exist',
    });
    const addCamera = await stranger.query(
      'mutation($pl:Int!,$c:[ID!]!){ addPlanCameras(planId:$pl, cameraIds:$c){ __typename } }',
      { pl: plans.one, c: [cameras.one] },
    );
    expect(addCamera.addPlanCameras.__typename).toBe('InvalidRequestError');
  });

  it('narrows further by group, and finds places in no group', async () => {
    const list = async (who: Caller, vars: Record<string, unknown>) =>
      ids(
        (await who.query('query($g:Int,$w:Boolean){ places(groupId:$g, withoutGroups:$w){ nodes { id } } }', vars))
          .places.nodes,
      );
    expect(await list(manager, { g: groupTwo })).toEqual([places.two]);
    expect(await list(member, { g: groupTwo })).toEqual([]);
    expect(await list(manager, { w: true })).toEqual([places.loose]);
    expect(await list(member, { w: true })).toEqual([]);
    const planIds = ids(
      (await manager.query('query($g:Int){ plans(groupId:$g){ nodes { id } } }', { g: groupOne })).plans.nodes,
    );
    expect(planIds).toEqual([plans.one]);
  });

  it('resolves entity references only for what the caller sees', async () => {
    const refs = [
      { __typename: 'Place', id: places.two },
      { __typename: 'Plan', id: plans.two },
      { __typename: 'Camera', id: cameras.two },
    ];
    expect((await manager.query(ENTITIES, { r: refs }))._entities).toEqual([
      { id: places.two },
      { id: plans.two },
      { cameraId: cameras.two },
    ]);
    expect((await member.query(ENTITIES, { r: refs }))._entities).toEqual([null, null, null]);
  });
});

describe('group places', () => {
  it("extends identity's Group with its places, counted and listed as the caller sees them", async () => {
    const refs = [
      { __typename: 'Group', id: groupOne },
      { __typename: 'Group', id: groupTwo },
    ];
    const asManager = (await manager.query(ENTITIES, { r: refs }))._entities;
    expect(asManager).toEqual([
      { id: groupOne, placeCount: 1, places: { nodes: [{ id: places.one }] } },
      { id: groupTwo, placeCount: 1, places: { nodes: [{ id: places.two }] } },
    ]);
    const asMember = (await member.query(ENTITIES, { r: refs }))._entities;
    expect(asMember[1]).toEqual({ id: groupTwo, placeCount: 0, places: { nodes: [] } });
    const asStranger = (await stranger.query(ENTITIES, { r: refs }))._entities;
    expect(asStranger).toEqual([null, null]);
    const place = await manager.query('query($id:Int!){ place(id:$id){ groupId group { id } } }', { id: places.one });
    expect(place.place).toEqual({ groupId: groupOne, group: { id: groupOne } });
  });

  it('refuses a place already in a group, unknown or of another organization (400), and unknown groups (NOT_FOUND)', async () => {
    expect((await manager.query(ADD_PLACES, { g: groupTwo, p: [places.one] })).addGroupPlaces).toEqual({
      __typename: 'InvalidRequestError',
      message: `Places already belong to a group: ${places.one}`,
    });
    expect((await manager.query(ADD_PLACES, { g: groupOne, p: [999999] })).addGroupPlaces).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Some of provided places do not exist',
    });
    const foreignPlace = (await stranger.query('mutation{ createPlace(input:{name:"B"}){ ... on Place { id } } }'))
      .createPlace.id;
    expect((await h.admin.query(ADD_PLACES, { g: groupOne, p: [foreignPlace] })).addGroupPlaces.__typename).toBe(
      'InvalidRequestError',
    );
    expect((await stranger.query(ADD_PLACES, { g: groupOne, p: [foreignPlace] })).addGroupPlaces.__typename).toBe(
      'NotFoundError',
    );
    expect((await manager.query(ADD_PLACES, { g: 999999, p: [places.loose] })).addGroupPlaces.__typename).toBe(
      'NotFoundError',
    );
  });

  it('adds and removes places, writing audit entries, for a caller without group_read too', async () => {
    await h.admin.identity('mutation{ createRole(input:{name:"placer", description:""}){ __typename } }');
    const roleId = (await h.admin.identity('{ roles { id name } }')).roles.find(
      (r: { name: string }) => r.name === 'placer',
    ).id;
    for (const permission of ['group_place_create', 'group_place_delete', 'group_place_read']) {
      await h.admin.identity(
        'mutation($r:Int!,$p:Permission!){ grantPermission(roleId:$r, permission:$p){ __typename } }',
        { r: roleId, p: permission },
      );
    }
    const placer = await h.user({ organizationId: orgA, role: 'viewer' });
    const viewerId = (await placer.identity('{ viewer { id } }')).viewer.id;
    await h.admin.identity('mutation($id:Int!,$i:UserInput!){ updateUser(id:$id, input:$i){ __typename } }', {
      id: viewerId,
      i: { firstName: 'P', lastName: 'L', email: `placer${viewerId}@topology.test`, groupIds: [], roleId },
    });
    expect((await placer.query(ADD_PLACES, { g: groupTwo, p: [places.loose] })).addGroupPlaces.__typename).toBe('Ok');
    expect(
      (await placer.query(REMOVE_PLACES, { g: groupTwo, p: [places.loose, places.one] })).removeGroupPlaces.__typename,
    ).toBe('Ok');
    expect((await manager.query('query($id:Int!){ place(id:$id){ groupId } }', { id: places.one })).place.groupId).toBe(
      groupOne,
    );
    expect(
      (await manager.query('query($id:Int!){ place(id:$id){ groupId } }', { id: places.loose })).place.groupId,
    ).toBeNull();

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[group_place_create, group_place_delete], orderBy: CREATED_AT_ASC){ nodes { actionType organizationId meta } } }',
    );
    expect(logs.auditLogs.nodes.slice(-2)).toEqual([
      {
        actionType: 'group_place_create',
        organizationId: orgA,
        meta: { group_id: groupTwo, place_ids: [places.loose] },
      },
      {
        actionType: 'group_place_delete',
        organizationId: orgA,
        meta: { group_id: groupTwo, place_ids: [places.loose] },
      },
    ]);
  });

  it("needs group_place_read to list a group's places", async () => {
    const operator = await h.user({ organizationId: orgA, role: 'operator' });
    const read = await operator.request(ENTITIES, { r: [{ __typename: 'Group', id: groupOne }] });
    expect(read.data?._entities[0]).toMatchObject({ placeCount: 1 });
    const roleless = await h.user({ organizationId: orgA, role: 'viewer' });
    const viewerId = (await roleless.identity('{ viewer { id } }')).viewer.id;
    await h.admin.identity('mutation{ createRole(input:{name:"nothing", description:""}){ __typename } }');
    const nothing = (await h.admin.identity('{ roles { id name } }')).roles.find(
      (r: { name: string }) => r.name === 'nothing',
    ).id;
    await h.admin.identity('mutation($id:Int!,$i:UserInput!){ updateUser(id:$id, input:$i){ __typename } }', {
      id: viewerId,
      i: { firstName: 'N', lastName: 'N', email: `nothing${viewerId}@topology.test`, groupIds: [], roleId: nothing },
    });
    const refused = await roleless.request(ENTITIES, { r: [{ __typename: 'Group', id: groupOne }] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
