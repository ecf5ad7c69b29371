import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack, type TestUser } from '../support/stack.js';
import { createCamera, createPlace, expectNoSecrets, fullCamera, planImage, SECRETS } from './topology-fixtures.js';

type Member = TestUser & { token: string };

const ERROR = '__typename ... on Error { message } ... on InvalidRequestError { status }';
const PLACE = `query($id: Int!) {
  place(id: $id) {
    id name planCount cameraCount group { id name placeCount }
    plans(first: 10) { nodes { id name imageUrl cameras { nodes { cameraId x y camera { name } } } } pageInfo { hasNextPage } }
    cameras(first: 10, withoutPlans: true) { nodes { id name } }
  }
}`;
const CAMERA = `query($id: ID!) {
  camera(id: $id) {
    id name hasOnvifPassword onvifLogin schedulerGroup schedulerTags
    source { url username transport hasPassword }
    videoAnalytics { fps face { enabled minConfidence } lineCrossing { enabled lines { name direction start { x y } } } }
    videoStorage { retentionDays }
    place { id name } plan { id name } planPosition { x y }
  }
}`;

let stack: TestStack;
let org: { id: number };
let group: { id: number; name: string };
let admin: Member;
let stranger: Member;
let place: Record<string, any>;
let camera: Record<string, any>;
let loose: Record<string, any>;
let plan: Record<string, any>;

async function gql(query: string, variables: Record<string, unknown> = {}, token = admin.token): Promise<any> {
  const res = await stack.gql(query, variables, token);
  expect(res.status).toBe(200);
  expectNoSecrets(res);
  return res.body;
}

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  group = await stack.createGroup(org.id);
  [admin, stranger] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.member((await stack.createOrganization()).id, 'administrator'),
  ]);
  place = await createPlace(stack, admin.token, { name: 'Harbour', latitude: 53.55, longitude: 9.99 });
  camera = (await stack.rest('POST', '/cameras', { token: admin.token, json: fullCamera(place.id, 'Quay') })).body;
  loose = await createCamera(stack, admin.token, place.id, { name: 'Loose' });
  plan = (
    await stack.rest('POST', '/plans', {
      token: admin.token,
      json: { name: 'Quay plan', place_id: place.id, image_id: await planImage(stack, admin.token) },
    })
  ).body;
  await stack.rest('POST', `/plans/${plan.id}/cameras`, { token: admin.token, json: { camera_ids: [camera.id] } });
  await stack.rest('POST', `/groups/${group.id}/places`, { token: admin.token, json: { place_ids: [place.id] } });
});

afterAll(() => stack?.stop());

describe('topology through the router', () => {
  it('resolves a place with its group (identity), plans, plan cameras and cameras', async () => {
    const body = await gql(PLACE, { id: place.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.place).toEqual({
      id: place.id,
      name: 'Harbour',
      planCount: 1,
      cameraCount: 2,
      group: { id: group.id, name: group.name, placeCount: 1 },
      plans: {
        nodes: [
          {
            id: plan.id,
            name: 'Quay plan',
            imageUrl: plan.image_url,
            cameras: { nodes: [{ cameraId: camera.id, x: null, y: null, camera: { name: 'Quay' } }] },
          },
        ],
        pageInfo: { hasNextPage: false },
      },
      cameras: { nodes: [{ id: loose.id, name: 'Loose' }] },
    });
  });

  it('resolves a camera with its settings, place, plan and position; passwords cannot even be asked for', async () => {
    const moved = await gql(
      `mutation($p: Int!, $c: ID!) { updatePlanCameraPosition(planId: $p, cameraId: $c, x: 0.5, y: 0.25) { ${ERROR} ... on PlanCamera { x y } } }`,
      { p: plan.id, c: camera.id },
    );
    expect(moved.data.updatePlanCameraPosition).toEqual({ __typename: 'PlanCamera', x: 0.5, y: 0.25 });
    const body = await gql(CAMERA, { id: camera.id });
    expect(body.data.camera).toEqual({
      id: camera.id,
      name: 'Quay',
      hasOnvifPassword: true,
      onvifLogin: 'onvif',
      schedulerGroup: 'east',
      schedulerTags: ['gpu', 'lpr'],
      source: { url: 'rtsp://10.1.2.3:554/stream1', username: 'admin', transport: 'UDP', hasPassword: true },
      videoAnalytics: {
        fps: 5,
        face: { enabled: true, minConfidence: 0.7 },
        lineCrossing: { enabled: true, lines: [{ name: 'Door', direction: 'LEFT_TO_RIGHT', start: { x: 0, y: 0.5 } }] },
      },
      videoStorage: { retentionDays: 30 },
      place: { id: place.id, name: 'Harbour' },
      plan: { id: plan.id, name: 'Quay plan' },
      planPosition: { x: 0.5, y: 0.25 },
    });
    for (const field of ['source { password }', 'onvifPassword']) {
      const res = await stack.gql(`query($id: ID!) { camera(id: $id) { ${field} } }`, { id: camera.id }, admin.token);
      expect(res.body.errors?.[0]?.message).toMatch(/Cannot query field/);
    }
  });

  it("lists places with the geo filter, cameras by place and group, and the group's places", async () => {
    const near = await gql(
      'query($lat: Float, $lon: Float, $r: Float) { places(latitude: $lat, longitude: $lon, radius: $r) { nodes { id } } }',
      { lat: 53.55, lon: 10.0, r: 1000 },
    );
    expect(near.data.places.nodes).toEqual([{ id: place.id }]);
    const far = await gql('{ places(latitude: 0, longitude: 0, radius: 1000) { nodes { id } } }');
    expect(far.data.places.nodes).toEqual([]);
    const cameras = await gql(
      'query($g: Int) { cameras(groupId: $g, first: 10) { nodes { id plan { id } } pageInfo { hasNextPage } } }',
      { g: group.id },
    );
    expect(cameras.data.cameras.pageInfo).toEqual({ hasNextPage: false });
    expect(cameras.data.cameras.nodes).toHaveLength(2);
    expect(cameras.data.cameras.nodes).toEqual(
      expect.arrayContaining([
        { id: camera.id, plan: { id: plan.id } },
        { id: loose.id, plan: null },
      ]),
    );
    const byId = await gql('query($q: String) { cameras(query: $q) { nodes { id } } }', { q: loose.id });
    expect(byId.data.cameras.nodes).toEqual([{ id: loose.id }]);
    const ofGroup = await gql(
      'query($id: Int!) { group(id: $id) { placeCount places(first: 10) { nodes { id cameraCount } } } }',
      { id: group.id },
    );
    expect(ofGroup.data.group).toEqual({ placeCount: 1, places: { nodes: [{ id: place.id, cameraCount: 2 }] } });
    const stats = await gql('query($g: Int) { cameraStats(groupId: $g) { totalCount activeCount } }', { g: group.id });
    expect(stats.data.cameraStats).toEqual({ totalCount: 2, activeCount: 1 });
  });

  it('answers typed errors on mutations and BAD_USER_INPUT naming the REST field', async () => {
    const noPlace = await gql(
      `mutation { createCamera(input: { name: "x", placeId: 987654, source: { url: "rtsp://h/1" } }) { ${ERROR} } }`,
    );
    expect(noPlace.data.createCamera).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.any(String),
      status: 'invalid_request',
    });
    const busy = await gql(`mutation($id: Int!) { deletePlan(id: $id) { ${ERROR} } }`, { id: plan.id });
    expect(busy.data.deletePlan.__typename).toBe('InvalidRequestError');
    const gone = await gql(`mutation { deletePlace(id: 987654) { ${ERROR} } }`);
    expect(gone.data.deletePlace.__typename).toBe('NotFoundError');

    const bad = await gql(
      `mutation($p: Int!) { createCamera(input: { name: "x", placeId: $p, source: { url: "http://h/1" } }) { ${ERROR} } }`,
      { p: place.id },
    );
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'source', 'url'] });
    const region = await gql(
      `mutation($p: Int!) { createCamera(input: { name: "x", placeId: $p, source: { url: "rtsp://h/1" },
      videoAnalytics: { motion: { enabled: true, regions: [{ name: "R", polygon: [{ x: 0, y: 0 }] }] } } }) { ${ERROR} } }`,
      { p: place.id },
    );
    expect(region.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'videoAnalytics', 'motion', 'regions', '0', 'polygon'],
    });
  });

  it('creates a camera over GraphQL with a write-only password and hides other organizations (null)', async () => {
    const created = await gql(
      `mutation($p: Int!, $pw: String) { createCamera(input: { name: "Gql", placeId: $p, source: { url: "rtsp://h/9", password: $pw }, onvifPassword: $pw }) {
      ${ERROR} ... on Camera { id source { hasPassword } hasOnvifPassword } } }`,
      { p: place.id, pw: SECRETS.source },
    );
    expect(created.data.createCamera).toMatchObject({
      __typename: 'Camera',
      source: { hasPassword: true },
      hasOnvifPassword: true,
    });
    const hidden = await gql(
      'query($id: Int!, $c: ID!) { place(id: $id) { id } camera(id: $c) { id } }',
      { id: place.id, c: created.data.createCamera.id },
      stranger.token,
    );
    expect(hidden.data).toEqual({ place: null, camera: null });
    const theirs = await gql('{ places { nodes { id } } cameraStats { totalCount } }', {}, stranger.token);
    expect(theirs.data).toEqual({ places: { nodes: [] }, cameraStats: { totalCount: 0 } });
  });
});
