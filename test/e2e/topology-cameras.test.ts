import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import {
  auditActions,
  createCamera,
  createPlace,
  expectNoSecrets,
  fullCamera,
  square,
  walkPages,
} from './topology-fixtures.js';

type Member = TestUser & { token: string };

let stack: TestStack;
let org: { id: number };
let admin: Member;
let viewer: Member;
let place: Record<string, any>;

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  [admin, viewer] = await Promise.all([stack.member(org.id, 'administrator'), stack.member(org.id, 'viewer')]);
  place = await createPlace(stack, admin.token, {
    name: 'Depot',
    description: 'Main depot',
    latitude: 50.1,
    longitude: 8.6,
  });
});

afterAll(() => stack?.stop());

describe('cameras (2.1–2.6)', () => {
  it('creates a camera with every setting, returns them completed with defaults and never a password', async () => {
    const res = await stack.rest('POST', '/cameras', { token: admin.token, json: fullCamera(place.id) });
    expectSpec(res, 200);
    expectNoSecrets(res);
    expect(res.body).toEqual({
      name: 'Gate camera',
      source: { url: 'rtsp://10.1.2.3:554/stream1', username: 'admin', transport: 'udp', has_password: true },
      video_analytics: {
        fps: 5,
        face: { enabled: true, min_confidence: 0.7, min_size_px: 40 },
        plate: { enabled: false, min_confidence: 0.5, min_size_px: 60 },
        motion: { enabled: true, sensitivity: 0.5, min_area: 0.01, regions: [{ name: 'Gate', polygon: square }] },
        line_crossing: {
          enabled: true,
          lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'left_to_right' }],
        },
      },
      video_storage: { enabled: true, retention_days: 30 },
      video_streaming: { enabled: true },
      ptz: { enabled: false },
      place_id: place.id,
      onvif_host: '10.1.2.3',
      onvif_port: 8080,
      onvif_login: 'onvif',
      scheduler_group: 'east',
      scheduler_tags: ['gpu', 'lpr'],
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      snapshot_id: null,
      snapshot_url: null,
      origin: null,
      plan_id: null,
    });
    const id = res.body.id;

    const read = await stack.rest('GET', `/cameras/${id}`, { token: viewer.token, query: { with_origin: true } });
    expectSpec(read, 200);
    expectNoSecrets(read);
    expect(read.body.origin).toEqual({
      plan_id: null,
      plan_name: null,
      place_id: place.id,
      place_name: 'Depot',
      place_description: 'Main depot',
      place_latitude: 50.1,
      place_longitude: 8.6,
    });
    expect({ ...read.body, origin: null }).toEqual(res.body);
  });

  it('moves credentials out of the URL, keeps passwords left out on update and removes them on null', async () => {
    const created = await createCamera(stack, admin.token, place.id, {
      source: { url: 'rtsp://cam:S3cret-src-pw@10.0.0.9/live' },
      onvif_password: 'S3cret-onvif-pw',
    });
    expect(created.source).toEqual({
      url: 'rtsp://10.0.0.9/live',
      username: 'cam',
      transport: 'tcp',
      has_password: true,
    });

    const kept = await stack.rest('PUT', `/cameras/${created.id}`, {
      token: admin.token,
      json: { name: 'Renamed', place_id: place.id, source: { url: 'rtsp://10.0.0.9/live', username: 'cam' } },
    });
    expectSpec(kept, 200);
    expectNoSecrets(kept);
    expect(kept.body).toMatchObject({
      name: 'Renamed',
      source: { has_password: true },
      video_analytics: null,
      video_storage: null,
      video_streaming: null,
      ptz: null,
    });

    const removed = await stack.rest('PUT', `/cameras/${created.id}`, {
      token: admin.token,
      json: { name: 'Renamed', place_id: place.id, source: { url: 'rtsp://10.0.0.9/live', password: null } },
    });
    expectSpec(removed, 200);
    expect(removed.body.source).toEqual({
      url: 'rtsp://10.0.0.9/live',
      username: null,
      transport: 'tcp',
      has_password: false,
    });

    const actions = await auditActions(stack, org.id, ['camera_create', 'camera_update']);
    const mine = actions.filter((e) => e.meta?.camera_id === created.id);
    expect(mine.map((e) => e.action_type).sort()).toEqual(['camera_create', 'camera_update', 'camera_update']);
    expectNoSecrets({ body: actions });
  });

  it('refuses bad settings with 422 at the right loc', async () => {
    const bad = (patch: Record<string, unknown>) =>
      stack.rest('POST', '/cameras', { token: admin.token, json: { ...fullCamera(place.id), ...patch } });
    expectValidation(await bad({ source: { username: 'x' } }), ['body', 'source', 'url']);
    expectValidation(await bad({ source: { url: 'http://example.com/video' } }), ['body', 'source', 'url']);
    expectValidation(await bad({ source: { url: 'rtsp://h/1', transport: 'carrier-pigeon' } }), [
      'body',
      'source',
      'transport',
    ]);
    expectValidation(await bad({ source: { url: 'rtsp://u:p@h/1', password: 'other' } }), ['body', 'source', 'url']);
    expectValidation(await bad({ video_analytics: { fps: 100 } }), ['body', 'video_analytics', 'fps']);
    expectValidation(await bad({ video_analytics: { face: { min_confidence: 0.5 } } }), [
      'body',
      'video_analytics',
      'face',
      'enabled',
    ]);
    expectValidation(
      await bad({
        video_analytics: { motion: { enabled: true, regions: [{ name: 'R', polygon: square.slice(0, 2) }] } },
      }),
      ['body', 'video_analytics', 'motion', 'regions', 0, 'polygon'],
    );
    expectValidation(
      await bad({
        video_analytics: {
          motion: {
            enabled: true,
            regions: [
              { name: 'R', polygon: square },
              { name: 'r', polygon: square },
            ],
          },
        },
      }),
      ['body', 'video_analytics', 'motion', 'regions', 1, 'name'],
    );
    expectValidation(
      await bad({
        video_analytics: {
          line_crossing: { enabled: true, lines: [{ name: 'L', start: { x: 0.5, y: 0.5 }, end: { x: 0.5, y: 0.5 } }] },
        },
      }),
      ['body', 'video_analytics', 'line_crossing', 'lines', 0, 'end'],
    );
    expectValidation(await bad({ video_analytics: { line_crossing: { enabled: true } } }), [
      'body',
      'video_analytics',
      'line_crossing',
      'lines',
    ]);
    expectValidation(await bad({ video_storage: { enabled: true, retention_days: 0 } }), [
      'body',
      'video_storage',
      'retention_days',
    ]);
    expectValidation(await bad({ video_streaming: { enabled: 'sometimes' } }), ['body', 'video_streaming', 'enabled']);
    expectValidation(await bad({ ptz: {} }), ['body', 'ptz', 'enabled']);
    expectValidation(await bad({ onvif_port: 70000 }), ['body', 'onvif_port']);
    expectValidation(await bad({ name: '   ' }), ['body', 'name']);
    expectValidation(await bad({ scheduler_tags: [''] }), ['body', 'scheduler_tags', 0]);
  });

  it('ignores properties the settings do not document, as pydantic does', async () => {
    const camera = await createCamera(stack, admin.token, place.id, {
      source: { url: 'rtsp://h/2', colour: 'red' },
      video_streaming: { enabled: true, bitrate: 9 },
    });
    expect(camera.source).not.toHaveProperty('colour');
    expect(camera.video_streaming).toEqual({ enabled: true });
  });

  it('answers 400 for a place that does not exist, 404 for unknown cameras and 422 for malformed ids', async () => {
    const noPlace = await stack.rest('POST', '/cameras', {
      token: admin.token,
      json: { name: 'x', place_id: 987654, source: { url: 'rtsp://h/1' } },
    });
    expectSpec(noPlace, 400);
    expect(noPlace.body).toEqual(errorBody('invalid_request', 400));
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await stack.rest(method, `/cameras/${unknown}`, {
        token: admin.token,
        json: method === 'PUT' ? { name: 'x', place_id: place.id, source: { url: 'rtsp://h/1' } } : undefined,
      });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectValidation(await stack.rest('GET', '/cameras/not-a-uuid', { token: admin.token }), ['path', 'camera_id']);
    expectValidation(await stack.rest('DELETE', '/cameras/123', { token: admin.token }), ['path', 'camera_id']);
    expectValidation(await stack.rest('GET', '/cameras', { token: admin.token, query: { place_id: 'abc' } }), [
      'query',
      'place_id',
    ]);
  });

  it('finds a camera by its id in every spelling FastAPI takes (upper case, braces, urn:uuid:, 32 digits)', async () => {
    const camera = await createCamera(stack, admin.token, place.id);
    const spellings = [
      camera.id.toUpperCase(),
      `{${camera.id}}`,
      `urn:uuid:${camera.id}`,
      camera.id.replaceAll('-', ''),
    ];
    for (const spelling of spellings) {
      const res = await stack.rest('GET', `/cameras/${encodeURIComponent(spelling)}`, { token: admin.token });
      expectSpec(res, 200);
      expect(res.body.id, spelling).toBe(camera.id);
    }
    const snapshot = await stack.rest('GET', `/camerasnapshots/${encodeURIComponent(`{${camera.id}}`)}`, {
      token: admin.token,
    });
    expect(snapshot.status).toBe(503);
    expectValidation(await stack.rest('GET', `/cameras/URN:UUID:${camera.id}`, { token: admin.token }), [
      'path',
      'camera_id',
    ]);
  });

  it("answers 404 to a list filtered by a place or group that does not exist or is another organization's", async () => {
    const elsewhere = await stack.createOrganization();
    const [theirAdmin, theirGroup, ourGroup] = await Promise.all([
      stack.member(elsewhere.id, 'administrator'),
      stack.createGroup(elsewhere.id),
      stack.createGroup(org.id),
    ]);
    const theirPlace = await createPlace(stack, theirAdmin.token);
    for (const query of [
      { place_id: 987654 },
      { place_id: theirPlace.id },
      { group_id: 987654 },
      { group_id: theirGroup.id },
    ]) {
      const res = await stack.rest('GET', '/cameras', { token: viewer.token, query });
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    // a group of the caller's organization with none of its places filters to nothing
    const empty = await stack.rest('GET', '/cameras', { token: viewer.token, query: { group_id: ourGroup.id } });
    expectSpec(empty, 200);
    expect(empty.body.cameras).toEqual([]);
  });
});

describe('camera lists, search and stats (2.1, 2.3, 20.1)', () => {
  it('searches by exact UUID or by case-insensitive name inclusion, filters by place and walks the pages', async () => {
    const other = await createPlace(stack, admin.token);
    const lobby = await createCamera(stack, admin.token, other.id, { name: 'Lobby EAST' });
    const lobby2 = await createCamera(stack, admin.token, other.id, { name: 'east lobby annex' });
    const byId = await stack.rest('POST', '/cameras/search', {
      token: viewer.token,
      json: { query: lobby.id.toUpperCase() },
      query: { with_origin: true },
    });
    expectSpec(byId, 200);
    expect(byId.body.cameras.map((c: { id: string }) => c.id)).toEqual([lobby.id]);
    expect(byId.body.cameras[0].origin).toMatchObject({ place_id: other.id, place_name: other.name, plan_id: null });
    const byName = await stack.rest('POST', '/cameras/search', { token: viewer.token, json: { query: 'LOBBY' } });
    expect(byName.body.cameras.map((c: { id: string }) => c.id).sort()).toEqual([lobby.id, lobby2.id].sort());
    expect(byName.body.cameras[0].origin).toBeNull();

    const ofPlace = await stack.rest('GET', '/cameras', { token: viewer.token, query: { place_id: other.id } });
    expectSpec(ofPlace, 200);
    expect(ofPlace.body.cameras.map((c: { id: string }) => c.id).sort()).toEqual([lobby.id, lobby2.id].sort());

    const created = [lobby.id, lobby2.id];
    for (let i = 0; i < 19; i += 1) created.push((await createCamera(stack, admin.token, other.id)).id);
    // oldest first (created_at, then id)
    const ids = (
      await stack.rest('GET', '/cameras', { token: viewer.token, query: { place_id: other.id, limit: 1000 } })
    ).body.cameras.map((c: { id: string }) => c.id);
    expect([...ids].sort()).toEqual([...created].sort());
    // as FastAPI reads a query: the last value of a repeated parameter counts, `limit[]` is another name than `limit`
    const repeated = await stack.rest('GET', '/cameras', {
      token: viewer.token,
      query: { place_id: [place.id, other.id], limit: [10, 1000] },
    });
    expectSpec(repeated, 200);
    expect(repeated.body.cameras.map((c: { id: string }) => c.id)).toEqual(ids);
    const bracketed = await stack.rest('GET', '/cameras', {
      token: viewer.token,
      query: { place_id: other.id, limit: 10, 'limit[]': 1000, 'limit[x]': 'y' },
    });
    expectSpec(bracketed, 200);
    expect(bracketed.body.cameras.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 10));
    // integers as Python's int() reads them: sign, spaces, underscores, digits of any script; no `1e1` or `10.0`
    const arabicIndic = (n: number) => [...String(n)].map((d) => String.fromCodePoint(0x660 + Number(d))).join('');
    const spelled = await stack.rest('GET', '/cameras', {
      token: viewer.token,
      query: { place_id: ` +${arabicIndic(other.id)} `, limit: '1_0' },
    });
    expectSpec(spelled, 200);
    expect(spelled.body.cameras.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 10));
    for (const limit of ['1e1', '10.0', '0x10']) {
      const refused = await stack.rest('GET', '/cameras', { token: viewer.token, query: { limit } });
      expectSpec(refused, 422);
      expect(refused.body.detail, limit).toEqual([
        { loc: ['query', 'limit'], msg: 'value is not a valid integer', type: 'type_error.integer' },
      ]);
    }
    const walk = await walkPages(stack, viewer.token, {
      path: '/cameras',
      key: 'cameras',
      query: { place_id: other.id, with_origin: true },
    });
    expect(walk).toEqual({ ids, pages: 3 });
    const placeWalk = await walkPages(stack, viewer.token, { path: `/places/${other.id}/cameras`, key: 'cameras' });
    expect(placeWalk).toEqual({ ids, pages: 3 });
  });

  it('counts total and active cameras (streaming or analytics enabled) by organization and group', async () => {
    const statsOrg = await stack.createOrganization();
    const statsAdmin = await stack.member(statsOrg.id, 'administrator');
    const group = await stack.createGroup(statsOrg.id);
    const [a, b] = [await createPlace(stack, statsAdmin.token), await createPlace(stack, statsAdmin.token)];
    await createCamera(stack, statsAdmin.token, a.id, { video_streaming: { enabled: true } });
    await createCamera(stack, statsAdmin.token, a.id, { video_analytics: { motion: { enabled: true } } });
    await createCamera(stack, statsAdmin.token, a.id, {
      video_streaming: { enabled: false },
      video_analytics: { face: { enabled: false } },
    });
    await createCamera(stack, statsAdmin.token, b.id);
    expectSpec(
      await stack.rest('POST', `/groups/${group.id}/places`, { token: statsAdmin.token, json: { place_ids: [a.id] } }),
      200,
    );

    const mine = await stack.rest('GET', '/stats/cameras', { token: statsAdmin.token });
    expectSpec(mine, 200);
    expect(mine.body).toEqual({ total_count: 4, active_count: 2 });
    const byOrg = await stack.rest('GET', '/stats/cameras', {
      token: stack.adminToken,
      query: { organization_id: statsOrg.id },
    });
    expect(byOrg.body).toEqual({ total_count: 4, active_count: 2 });
    const byGroup = await stack.rest('GET', '/stats/cameras', {
      token: statsAdmin.token,
      query: { group_id: group.id },
    });
    expect(byGroup.body).toEqual({ total_count: 3, active_count: 2 });
    expectSpec(
      await stack.rest('GET', '/stats/cameras', { token: statsAdmin.token, query: { organization_id: org.id } }),
      403,
    );
  });

  it('deletes a camera and writes camera_delete', async () => {
    const camera = await createCamera(stack, admin.token, place.id);
    const res = await stack.rest('DELETE', `/cameras/${camera.id}`, { token: admin.token });
    expectSpec(res, 200);
    expect(res.body).toEqual({ status: 'ok' });
    expectSpec(await stack.rest('GET', `/cameras/${camera.id}`, { token: admin.token }), 404);
    const actions = await auditActions(stack, org.id, ['camera_delete']);
    expect(actions.map((e) => e.meta?.camera_id)).toContain(camera.id);
  });
});
