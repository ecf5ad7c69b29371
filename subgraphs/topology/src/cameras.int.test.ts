import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Caller, type TopologyHarness } from '../../../test/support/topology-harness.js';

let h: TopologyHarness;
let organizationId: number;
let caller: Caller;
let placeId: number;

const CAMERA = `id name organizationId placeId planId onvifHost onvifPort onvifLogin hasOnvifPassword schedulerGroup schedulerTags
  snapshotId snapshotUrl createdAt updatedAt
  source { url username hasPassword transport }
  videoAnalytics { fps face { enabled minConfidence minSizePx } plate { enabled minConfidence minSizePx }
    motion { enabled sensitivity minArea regions { name polygon { x y } } }
    lineCrossing { enabled lines { name start { x y } end { x y } direction } } }
  videoStorage { enabled retentionDays } videoStreaming { enabled } ptz { enabled }
  place { id name }`;
const CREATE = `mutation($i:CameraInput!){ createCamera(input:$i){ __typename ... on Camera { ${CAMERA} } ... on Error { message } } }`;
const UPDATE = `mutation($id:ID!,$i:CameraInput!){ updateCamera(id:$id, input:$i){ __typename ... on Camera { ${CAMERA} } ... on Error { message } } }`;
const LIST =
  'query($f:Int,$a:String,$q:String,$p:Int,$g:Int){ cameras(first:$f, after:$a, query:$q, placeId:$p, groupId:$g){ nodes { id name } pageInfo { endCursor hasNextPage } } }';

const square = [
  { x: 0.1, y: 0.1 },
  { x: 0.9, y: 0.1 },
  { x: 0.9, y: 0.9 },
  { x: 0.1, y: 0.9 },
];
const FULL = {
  name: 'Gate camera',
  source: { url: 'rtsp://admin:S3cret-src@10.1.2.3:554/stream1', transport: 'UDP' },
  videoAnalytics: {
    fps: 5,
    face: { enabled: true, minConfidence: 0.7 },
    motion: { enabled: true, regions: [{ name: 'Gate', polygon: square }] },
    lineCrossing: {
      enabled: true,
      lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'LEFT_TO_RIGHT' }],
    },
  },
  videoStorage: { enabled: true, retentionDays: 30 },
  videoStreaming: { enabled: true },
  ptz: { enabled: false },
  onvifHost: '10.1.2.3',
  onvifPort: 8080,
  onvifLogin: 'onvif-user',
  onvifPassword: 'S3cret-onvif',
  schedulerGroup: 'east',
  schedulerTags: ['gpu', 'lpr'],
};

async function place(who: Caller = caller): Promise<number> {
  return (await who.query('mutation{ createPlace(input:{name:"Site"}){ ... on Place { id } } }')).createPlace.id;
}

async function camera(input: Record<string, unknown>, who: Caller = caller): Promise<Record<string, any>> {
  const data = await who.query(CREATE, {
    i: { placeId, source: { url: 'rtsp://cam.local/1' }, name: 'Cam', ...input },
  });
  expect(data.createCamera.__typename, data.createCamera.message).toBe('Camera');
  return data.createCamera;
}

beforeAll(async () => {
  h = await startTopology();
  organizationId = await h.organization();
  caller = await h.user({ organizationId });
  placeId = await place();
});
afterAll(() => h?.stop());

describe('cameras', () => {
  it('creates a camera with typed settings, completed with defaults', async () => {
    const created = await camera(FULL);
    expect(created).toMatchObject({
      name: 'Gate camera',
      organizationId,
      placeId,
      planId: null,
      place: { id: placeId, name: 'Site' },
      source: { url: 'rtsp://10.1.2.3:554/stream1', username: 'admin', hasPassword: true, transport: 'UDP' },
      videoAnalytics: {
        fps: 5,
        face: { enabled: true, minConfidence: 0.7, minSizePx: 40 },
        plate: { enabled: false, minConfidence: 0.5, minSizePx: 60 },
        motion: { enabled: true, sensitivity: 0.5, minArea: 0.01, regions: [{ name: 'Gate', polygon: square }] },
        lineCrossing: {
          enabled: true,
          lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'LEFT_TO_RIGHT' }],
        },
      },
      videoStorage: { enabled: true, retentionDays: 30 },
      videoStreaming: { enabled: true },
      ptz: { enabled: false },
      onvifHost: '10.1.2.3',
      onvifPort: 8080,
      onvifLogin: 'onvif-user',
      hasOnvifPassword: true,
      schedulerGroup: 'east',
      schedulerTags: ['gpu', 'lpr'],
      snapshotId: null,
      snapshotUrl: null,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await caller.query(`query($id:ID!){ camera(id:$id){ __typename ${CAMERA} } }`, { id: created.id });
    expect(read.camera).toEqual(created);
  });

  it('never returns nor records a password', async () => {
    const created = await camera(FULL);
    const raw = JSON.stringify(
      await caller.request(`query($id:ID!){ camera(id:$id){ ${CAMERA} } cameras { nodes { ${CAMERA} } } }`, {
        id: created.id,
      }),
    );
    expect(raw).not.toContain('S3cret');
    const logs = JSON.stringify(
      await h.admin.identity('{ auditLogs(actionTypes:[camera_create, camera_update]){ nodes { meta } } }'),
    );
    expect(logs).toContain(created.id);
    expect(logs).not.toContain('S3cret');
  });

  it('keeps passwords an update does not repeat, and removes them on null', async () => {
    const created = await camera(FULL);
    const { onvifPassword: _, ...withoutPassword } = FULL;
    const kept = (
      await caller.query(UPDATE, {
        id: created.id,
        i: { ...withoutPassword, placeId, source: { url: 'rtsp://10.1.2.3/stream2', username: 'admin' } },
      })
    ).updateCamera;
    expect(kept).toMatchObject({
      source: { url: 'rtsp://10.1.2.3/stream2', username: 'admin', hasPassword: true, transport: 'TCP' },
      hasOnvifPassword: true,
    });
    const removed = (
      await caller.query(UPDATE, {
        id: created.id,
        i: { name: 'x', placeId, source: { url: 'rtsp://10.1.2.3/stream2', password: null }, onvifPassword: null },
      })
    ).updateCamera;
    expect(removed).toMatchObject({
      source: { hasPassword: false, username: null },
      hasOnvifPassword: false,
      videoAnalytics: null,
      schedulerTags: null,
    });
    expect(new Date(removed.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
  });

  it('refuses bad settings with the REST field at fault', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ source: { url: 'http://cam/video' } }, ['input', 'source', 'url']],
      [{ name: '' }, ['input', 'name']],
      [
        { videoAnalytics: { motion: { enabled: true, regions: [{ name: 'r', polygon: square.slice(0, 2) }] } } },
        ['input', 'videoAnalytics', 'motion', 'regions', '0', 'polygon'],
      ],
      [
        { videoAnalytics: { plate: { enabled: true, minConfidence: 2 } } },
        ['input', 'videoAnalytics', 'plate', 'minConfidence'],
      ],
      [{ videoStorage: { enabled: true, retentionDays: 0 } }, ['input', 'videoStorage', 'retentionDays']],
      [{ onvifPort: 70000 }, ['input', 'onvifPort']],
      [{ schedulerTags: ['ok', 'x'.repeat(33)] }, ['input', 'schedulerTags', '1']],
      [{ schedulerGroup: 'x'.repeat(65) }, ['input', 'schedulerGroup']],
    ];
    for (const [input, field] of cases) {
      const result = await caller.request(CREATE, {
        i: { placeId, name: 'Cam', source: { url: 'rtsp://cam/1' }, ...input },
      });
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownPlace = await caller.query(CREATE, {
      i: { placeId: 999999, name: 'Cam', source: { url: 'rtsp://cam/1' } },
    });
    expect(unknownPlace.createCamera).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Provided place does not exist',
    });
  });

  it('deletes a camera, and answers null or NOT_FOUND for unknown ids', async () => {
    const created = await camera({});
    expect(
      (await caller.query('mutation($id:ID!){ deleteCamera(id:$id){ __typename } }', { id: created.id })).deleteCamera
        .__typename,
    ).toBe('Ok');
    expect((await caller.query('query($id:ID!){ camera(id:$id){ id } }', { id: created.id })).camera).toBeNull();
    expect((await caller.query('query{ camera(id:"not-a-uuid"){ id } }')).camera).toBeNull();
    expect(
      (await caller.query('mutation($id:ID!){ deleteCamera(id:$id){ __typename } }', { id: created.id })).deleteCamera
        .__typename,
    ).toBe('NotFoundError');
    expect(
      (await caller.query(UPDATE, { id: 'nope', i: { name: 'x', placeId, source: { url: 'rtsp://cam/1' } } }))
        .updateCamera.__typename,
    ).toBe('NotFoundError');
  });
});

describe('finding cameras', () => {
  it('searches by exact id, or else by name inclusion', async () => {
    const own = await h.user({ organizationId: await h.organization() });
    const ownPlace = await place(own);
    const front = await camera({ name: 'Front Door', placeId: ownPlace }, own);
    await camera({ name: 'Back door', placeId: ownPlace }, own);
    await camera({ name: 'Lobby', placeId: ownPlace }, own);
    const names = async (q: string) =>
      (await own.query(LIST, { q })).cameras.nodes.map((n: { name: string }) => n.name);
    expect(await names('DOOR')).toEqual(['Front Door', 'Back door']);
    expect(await names(front.id.toUpperCase())).toEqual(['Front Door']);
    const foreign = await camera({ name: 'Foreign' });
    expect(await names(foreign.id)).toEqual([]);
  });

  it('pages through cameras oldest first and filters by place and group', async () => {
    const org = await h.organization();
    const own = await h.user({ organizationId: org });
    const [p1, p2] = [await place(own), await place(own)];
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await camera({ name: `C${i}`, placeId: i < 15 ? p1 : p2 }, own)).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await own.query(LIST, { f: 10, a: after });
      seen.push(...data.cameras.nodes.map((n: { id: string }) => n.id));
      if (!data.cameras.pageInfo.hasNextPage) break;
      after = data.cameras.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect((await own.query(LIST, { p: p2 })).cameras.nodes).toHaveLength(8);

    const groupId = await h.group(org);
    await own.query('mutation($g:Int!,$p:[Int!]!){ addGroupPlaces(groupId:$g, placeIds:$p){ __typename } }', {
      g: groupId,
      p: [p2],
    });
    expect((await own.query(LIST, { g: groupId })).cameras.nodes.map((n: { id: string }) => n.id)).toEqual(
      ids.slice(15),
    );
    expect((await own.request(LIST, { a: 'WyJ4Il0' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['after'],
    });
  });
});

describe('camera stats', () => {
  it('counts total and active cameras (streaming or analytics enabled) by organization and group', async () => {
    const org = await h.organization();
    const own = await h.user({ organizationId: org });
    const [p1, p2] = [await place(own), await place(own)];
    await camera({ placeId: p1 }, own);
    await camera({ placeId: p1, videoStreaming: { enabled: true } }, own);
    await camera({ placeId: p2, videoAnalytics: { plate: { enabled: true } } }, own);
    await camera(
      { placeId: p2, videoStreaming: { enabled: false }, videoAnalytics: { fps: 1 }, videoStorage: { enabled: true } },
      own,
    );
    const groupId = await h.group(org);
    await own.query('mutation($g:Int!,$p:[Int!]!){ addGroupPlaces(groupId:$g, placeIds:$p){ __typename } }', {
      g: groupId,
      p: [p2],
    });

    const stats = async (who: Caller, vars: Record<string, unknown> = {}) =>
      (
        await who.query(
          'query($o:Int,$g:Int){ cameraStats(organizationId:$o, groupId:$g){ totalCount activeCount } }',
          vars,
        )
      ).cameraStats;
    expect(await stats(own)).toEqual({ totalCount: 4, activeCount: 2 });
    expect(await stats(own, { g: groupId })).toEqual({ totalCount: 2, activeCount: 1 });
    expect(await stats(h.admin, { o: org })).toEqual({ totalCount: 4, activeCount: 2 });
    const all = await stats(h.admin);
    expect(all.totalCount).toBeGreaterThan(4);
    const foreign = await own.request('query($o:Int){ cameraStats(organizationId:$o){ totalCount } }', {
      o: organizationId,
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
