import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Caller, type TopologyHarness } from '../../../test/support/topology-harness.js';

let h: TopologyHarness;
let caller: Caller;

beforeAll(async () => {
  h = await startTopology();
  caller = await h.user({ organizationId: await h.organization() });
});
afterAll(() => h?.stop());

const PLAN = 'id name placeId organizationId imageId imageUrl createdAt updatedAt place { id name }';
const CREATE = `mutation($i:PlanInput!){ createPlan(input:$i){ __typename ... on Plan { ${PLAN} } ... on Error { message } } }`;
const UPDATE = `mutation($id:Int!,$i:PlanInput!){ updatePlan(id:$id, input:$i){ __typename ... on Plan { ${PLAN} } ... on Error { message } } }`;
const DELETE = 'mutation($id:Int!){ deletePlan(id:$id){ __typename ... on Error { message } } }';
const ADD =
  'mutation($p:Int!,$c:[ID!]!){ addPlanCameras(planId:$p, cameraIds:$c){ __typename ... on Error { message } } }';
const REMOVE =
  'mutation($p:Int!,$c:[ID!]!){ removePlanCameras(planId:$p, cameraIds:$c){ __typename ... on Error { message } } }';
const MOVE =
  'mutation($p:Int!,$c:ID!,$x:Float,$y:Float){ updatePlanCameraPosition(planId:$p, cameraId:$c, x:$x, y:$y){ __typename ... on PlanCamera { planId cameraId x y camera { name } } ... on Error { message } } }';
const PLAN_CAMERAS =
  'query($id:Int!){ plan(id:$id){ cameras { nodes { planId cameraId x y camera { id name planId } } } } }';

async function place(name = 'Site'): Promise<number> {
  return (
    await caller.query('mutation($n:String!){ createPlace(input:{name:$n}){ ... on Place { id } } }', { n: name })
  ).createPlace.id;
}

async function plan(placeId: number, name = 'Floor'): Promise<number> {
  const data = await caller.query(CREATE, { i: { name, placeId, imageId: 'plan-image-1' } });
  expect(data.createPlan.__typename).toBe('Plan');
  return data.createPlan.id;
}

async function camera(placeId: number, name = 'Cam'): Promise<string> {
  const data = await caller.query('mutation($i:CameraInput!){ createCamera(input:$i){ ... on Camera { id } } }', {
    i: { name, placeId, source: { url: 'rtsp://cam.local/1' } },
  });
  return data.createCamera.id;
}

describe('plans', () => {
  it('creates, reads, updates and deletes a plan, writing audit entries', async () => {
    const placeId = await place('Offices');
    const created = (await caller.query(CREATE, { i: { name: 'Ground floor', placeId, imageId: 'plan-image-7' } }))
      .createPlan;
    expect(created).toMatchObject({
      __typename: 'Plan',
      name: 'Ground floor',
      placeId,
      imageId: 'plan-image-7',
      imageUrl: '/api/v1/uploads/plan-image-7/content',
      place: { id: placeId, name: 'Offices' },
    });
    expect(
      (await caller.query(`query($id:Int!){ plan(id:$id){ __typename ${PLAN} } }`, { id: created.id })).plan,
    ).toEqual(created);

    const otherPlace = await place('Annex');
    const updated = (
      await caller.query(UPDATE, {
        id: created.id,
        i: { name: 'Floor 0', placeId: otherPlace, imageId: 'plan-image-7' },
      })
    ).updatePlan;
    expect(updated).toMatchObject({ name: 'Floor 0', placeId: otherPlace });

    expect((await caller.query(DELETE, { id: created.id })).deletePlan.__typename).toBe('Ok');
    expect((await caller.query('query($id:Int!){ plan(id:$id){ id } }', { id: created.id })).plan).toBeNull();
    expect(
      (await caller.query(UPDATE, { id: created.id, i: { name: 'x', placeId, imageId: 'plan-image-7' } })).updatePlan
        .__typename,
    ).toBe('NotFoundError');

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[plan_create, plan_update, plan_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { plan_id?: number } }) => n.meta.plan_id === created.id);
    expect(mine.map((n: { actionType: string }) => n.actionType)).toEqual([
      'plan_create',
      'plan_update',
      'plan_delete',
    ]);
  });

  it('refuses an image that is no plan upload, an unknown place and a bad name', async () => {
    const placeId = await place();
    expect((await caller.query(CREATE, { i: { name: 'x', placeId, imageId: 'avatar-1' } })).createPlan).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Provided image does not exist',
    });
    expect(
      (await caller.query(CREATE, { i: { name: 'x', placeId: 999999, imageId: 'plan-image-1' } })).createPlan,
    ).toEqual({ __typename: 'InvalidRequestError', message: 'Provided place does not exist' });
    const bad = await caller.request(CREATE, { i: { name: '', placeId, imageId: 'plan-image-1' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'name'],
      kind: 'too_short',
    });
  });

  it('searches by name and filters by place', async () => {
    const a = await place();
    const b = await place();
    await plan(a, 'Basement B1');
    await plan(a, 'Roof');
    await plan(b, 'basement B2');
    const names = async (vars: Record<string, unknown>) =>
      (
        await caller.query('query($q:String,$p:Int){ plans(query:$q, placeId:$p){ nodes { name } } }', vars)
      ).plans.nodes.map((n: { name: string }) => n.name);
    expect(await names({ q: 'BASEMENT' })).toEqual(['Basement B1', 'basement B2']);
    expect(await names({ p: a })).toEqual(['Basement B1', 'Roof']);
    expect(await names({ q: 'b', p: b })).toEqual(['basement B2']);
  });

  it("pages a place's plans", async () => {
    const placeId = await place();
    for (let i = 0; i < 12; i += 1) await plan(placeId, `P${i}`);
    const first = (
      await caller.query(
        'query($id:Int!){ place(id:$id){ planCount plans(first:10){ nodes { name } pageInfo { endCursor hasNextPage } } } }',
        { id: placeId },
      )
    ).place;
    expect(first.planCount).toBe(12);
    expect(first.plans.nodes).toHaveLength(10);
    expect(first.plans.pageInfo.hasNextPage).toBe(true);
    const rest = (
      await caller.query(
        'query($id:Int!,$a:String){ place(id:$id){ plans(first:10, after:$a){ nodes { name } pageInfo { hasNextPage } } } }',
        { id: placeId, a: first.plans.pageInfo.endCursor },
      )
    ).place;
    expect(rest.plans.nodes.map((n: { name: string }) => n.name)).toEqual(['P10', 'P11']);
    expect(rest.plans.pageInfo.hasNextPage).toBe(false);
  });
});

describe('cameras on plans', () => {
  it('adds cameras, positions them, lists them and takes them off, writing audit entries', async () => {
    const placeId = await place();
    const planId = await plan(placeId);
    const [c1, c2] = [await camera(placeId, 'A'), await camera(placeId, 'B')];
    expect((await caller.query(ADD, { p: planId, c: [c1, c2, c1] })).addPlanCameras.__typename).toBe('Ok');

    const listed = (await caller.query(PLAN_CAMERAS, { id: planId })).plan.cameras.nodes;
    expect(listed).toEqual([
      { planId, cameraId: c1, x: null, y: null, camera: { id: c1, name: 'A', planId } },
      { planId, cameraId: c2, x: null, y: null, camera: { id: c2, name: 'B', planId } },
    ]);

    const moved = (await caller.query(MOVE, { p: planId, c: c1, x: 0.25, y: 0.75 })).updatePlanCameraPosition;
    expect(moved).toEqual({ __typename: 'PlanCamera', planId, cameraId: c1, x: 0.25, y: 0.75, camera: { name: 'A' } });
    const position = (
      await caller.query('query($id:ID!){ camera(id:$id){ planPosition { x y } plan { id } } }', { id: c1 })
    ).camera;
    expect(position).toEqual({ planPosition: { x: 0.25, y: 0.75 }, plan: { id: planId } });

    const withoutPlans = async () =>
      (
        await caller.query('query($id:Int!){ place(id:$id){ cameras(withoutPlans:true){ nodes { id } } } }', {
          id: placeId,
        })
      ).place.cameras.nodes;
    expect(await withoutPlans()).toEqual([]);
    expect((await caller.query(REMOVE, { p: planId, c: [c2, 'not-a-uuid'] })).removePlanCameras.__typename).toBe('Ok');
    expect(await withoutPlans()).toEqual([{ id: c2 }]);

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[plan_camera_create, plan_camera_update, plan_camera_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { plan_id?: number } }) => n.meta.plan_id === planId);
    expect(mine.map((n: { actionType: string; meta: unknown }) => [n.actionType, n.meta])).toEqual([
      ['plan_camera_create', { plan_id: planId, camera_ids: [c1, c2] }],
      ['plan_camera_update', { plan_id: planId, camera_id: c1, x: 0.25, y: 0.75 }],
      ['plan_camera_delete', { plan_id: planId, camera_ids: [c2] }],
    ]);
  });

  it('answers 400 for cameras of another place, already on this or another plan, or unknown, and for an unknown plan', async () => {
    const placeId = await place();
    const planId = await plan(placeId);
    const otherPlan = await plan(placeId, 'Other floor');
    const onPlan = await camera(placeId);
    const onOther = await camera(placeId);
    const elsewhere = await camera(await place());
    await caller.query(ADD, { p: planId, c: [onPlan] });
    await caller.query(ADD, { p: otherPlan, c: [onOther] });
    const refusal = async (planIdArg: number, ids: string[]) =>
      (await caller.query(ADD, { p: planIdArg, c: ids })).addPlanCameras;
    expect(await refusal(planId, [onPlan])).toEqual({
      __typename: 'InvalidRequestError',
      message: `Cameras already added to this plan: ${onPlan}`,
    });
    expect(await refusal(planId, [elsewhere])).toEqual({
      __typename: 'InvalidRequestError',
      message: `Cameras belong to another place: ${elsewhere}`,
    });
    expect(await refusal(planId, [onOther])).toEqual({
      __typename: 'InvalidRequestError',
      message: `Cameras already on another plan: ${onOther}`,
    });
    expect(await refusal(planId, ['00000000-0000-4000-8000-000000000000'])).toMatchObject({
      __typename: 'InvalidRequestError',
      message: 'Some of provided cameras do not exist',
    });
    expect(await refusal(planId, ['nonsense'])).toMatchObject({ __typename: 'InvalidRequestError' });
    expect(await refusal(999999, [onPlan])).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Plan does not exist',
    });
    expect((await caller.query(REMOVE, { p: 999999, c: [onPlan] })).removePlanCameras.__typename).toBe(
      'InvalidRequestError',
    );
  });

  it('checks positions: within [0, 1], the camera on that plan, the plan visible', async () => {
    const placeId = await place();
    const planId = await plan(placeId);
    const cam = await camera(placeId);
    const loose = await camera(placeId);
    await caller.query(ADD, { p: planId, c: [cam] });
    const outside = await caller.request(MOVE, { p: planId, c: cam, x: 1.5, y: 0.5 });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['x'], kind: 'too_large' });
    expect((await caller.query(MOVE, { p: planId, c: loose, x: 0.5, y: 0.5 })).updatePlanCameraPosition).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Camera does not belong to the plan',
    });
    expect((await caller.query(MOVE, { p: 999999, c: cam, x: 0.5, y: 0.5 })).updatePlanCameraPosition.__typename).toBe(
      'NotFoundError',
    );
    expect((await caller.query(MOVE, { p: planId, c: cam })).updatePlanCameraPosition).toMatchObject({
      x: null,
      y: null,
    });
  });

  it('refuses to delete a plan with cameras, or to move it to another place', async () => {
    const placeId = await place();
    const planId = await plan(placeId);
    const cam = await camera(placeId);
    await caller.query(ADD, { p: planId, c: [cam] });
    expect((await caller.query(DELETE, { id: planId })).deletePlan).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Plan has cameras',
    });
    const moved = (
      await caller.query(UPDATE, { id: planId, i: { name: 'x', placeId: await place(), imageId: 'plan-image-1' } })
    ).updatePlan;
    expect(moved.__typename).toBe('InvalidRequestError');
    await caller.query(REMOVE, { p: planId, c: [cam] });
    expect((await caller.query(DELETE, { id: planId })).deletePlan.__typename).toBe('Ok');
  });

  it('takes a camera off its plan when the camera is deleted or moves to another place', async () => {
    const placeId = await place();
    const planId = await plan(placeId);
    const [deleted, moved] = [await camera(placeId), await camera(placeId)];
    await caller.query(ADD, { p: planId, c: [deleted, moved] });
    expect(
      (await caller.query('mutation($id:ID!){ deleteCamera(id:$id){ __typename } }', { id: deleted })).deleteCamera
        .__typename,
    ).toBe('Ok');
    const otherPlace = await place();
    const update = await caller.query(
      'mutation($id:ID!,$i:CameraInput!){ updateCamera(id:$id, input:$i){ ... on Camera { placeId planId } } }',
      { id: moved, i: { name: 'Moved', placeId: otherPlace, source: { url: 'rtsp://cam.local/1' } } },
    );
    expect(update.updateCamera).toEqual({ placeId: otherPlace, planId: null });
    expect((await caller.query(PLAN_CAMERAS, { id: planId })).plan.cameras.nodes).toEqual([]);
    expect((await caller.query(DELETE, { id: planId })).deletePlan.__typename).toBe('Ok');
  });
});
