import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import { until } from '../support/waiting.js';
import { iso, jpegOf, postReport, putSnapshot, reportOf, type ReportSpec } from './events-fixtures.js';
import { createCamera, createPlace, planImage } from './topology-fixtures.js';
import { uploadFacePhoto } from './watchlists-face-fixtures.js';

/**
 * REST 3.1–3.4, 17.1, 17.2, 19.1 and 20.2–20.4 over the whole stack, on events reported to the
 * media part's signed internal route exactly as an engine reports them.
 */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'events-e2e-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'events-e2e-signing-key-0123456789abcdef',
};
const HOUR = 3_600_000;
const MOTION_EVENTS = 25;

type Member = TestUser & { token: string };
type Site = { place: Record<string, any>; camera: Record<string, any>; plan?: Record<string, any> };

let stack: TestStack;
let orgA: { id: number };
let orgB: { id: number };
let group: { id: number };
let adminA: Member;
let memberA: Member;
let adminB: Member;
/** camera on a plan, in `group` */
let a1: Site;
/** camera on no plan, in no group */
let a2: Site;
let b1: Site;
/** start of the hour the events are in (two hours ago) */
let hour: number;
let descriptorOf: Record<'same' | 'stranger', { data: string; norm: number }>;
let face: Record<string, any>;
let facelist: Record<string, any>;
let plate: Record<string, any>;
let platelist: Record<string, any>;
const ids: Record<string, string> = {};
let motionIds: string[] = [];
let snapshotJpeg: Buffer;

async function site(organizationAdmin: Member, withPlan: boolean, groupId?: number): Promise<Site> {
  const place = await createPlace(stack, organizationAdmin.token, { latitude: 55.75, longitude: 37.61 });
  const camera = await createCamera(stack, organizationAdmin.token, place.id);
  let plan: Record<string, any> | undefined;
  if (withPlan) {
    const res = await stack.rest('POST', '/plans', {
      token: organizationAdmin.token,
      json: {
        name: stack.unique('Plan '),
        place_id: place.id,
        image_id: await planImage(stack, organizationAdmin.token),
      },
    });
    expectSpec(res, 200);
    plan = res.body;
    expectSpec(
      await stack.rest('POST', `/plans/${plan!.id}/cameras`, {
        token: organizationAdmin.token,
        json: { camera_ids: [camera.id] },
      }),
      200,
    );
  }
  if (groupId)
    expectSpec(
      await stack.rest('POST', `/groups/${groupId}/places`, {
        token: organizationAdmin.token,
        json: { place_ids: [place.id] },
      }),
      200,
    );
  return { place, camera, plan };
}

async function report(name: string, spec: ReportSpec): Promise<string> {
  const event = reportOf(spec);
  expect(await postReport(stack, KEYS.ARGUS_INTERNAL_KEY, event)).toBeLessThan(300);
  ids[name] = event.eventId;
  return event.eventId;
}

const getEvent = (token: string | undefined, id: string, query: Record<string, any>) =>
  stack.rest('GET', `/events/${id}`, { token, query });

/** A window around the events' hour. */
const windowOf = (fromMs = hour, toMs = hour + HOUR) => ({ ts_from: iso(fromMs), ts_to: iso(toMs) });

beforeAll(async () => {
  stack = await TestStack.start({ faceAnalysis: true, env: KEYS });
  [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  group = await stack.createGroup(orgA.id);
  [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  const user = await stack.createUser({ organizationId: orgA.id, role: 'viewer', groupIds: [group.id] });
  memberA = { ...user, token: (await stack.login(user.email, user.password)).access_token };
  a1 = await site(adminA, true, group.id);
  a2 = await site(adminA, false);
  b1 = await site(adminB, false);

  // a face list with one person (the descriptor of their photo), a plate list with one plate
  const [same] = await uploadFacePhoto(stack, adminA.token, '227943776_1.jpg');
  const [stranger] = await uploadFacePhoto(stack, adminA.token, 'messi5.jpg');
  const descriptor = (upload: Record<string, any>) => ({
    data: upload.meta.descriptor.data as string,
    norm: upload.meta.descriptor.norm as number,
  });
  descriptorOf = { same: descriptor(same!), stranger: descriptor(stranger!) };
  face = (await stack.rest('POST', '/faces', { token: adminA.token, json: { full_name: 'Wanted Person' } })).body;
  expectSpec(
    await stack.rest('POST', `/faces/${face.id}/images`, { token: adminA.token, json: { image_ids: [same!.id] } }),
    200,
  );
  facelist = (
    await stack.rest('POST', '/facelists', { token: adminA.token, json: { name: 'Wanted', priority: 'high' } })
  ).body;
  expectSpec(await stack.rest('POST', `/facelists/${facelist.id}/faces/${face.id}`, { token: adminA.token }), 200);
  plate = (await stack.rest('POST', '/plates', { token: adminA.token, json: { number: 'AB 123-CD' } })).body;
  platelist = (
    await stack.rest('POST', '/platelists', { token: adminA.token, json: { name: 'Stolen', priority: 'medium' } })
  ).body;
  expectSpec(await stack.rest('POST', `/platelists/${platelist.id}/plates/${plate.id}`, { token: adminA.token }), 200);

  hour = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
  const at = (minutes: number) => hour + minutes * 60_000;
  await report('faceMatched', {
    cameraId: a1.camera.id,
    type: 'face_recognition',
    ts: at(5),
    descriptor: descriptorOf.same,
  });
  await report('faceStranger', {
    cameraId: a2.camera.id,
    type: 'face_recognition',
    ts: at(6),
    descriptor: descriptorOf.stranger,
  });
  await report('plateMatched', { cameraId: a1.camera.id, type: 'plate_recognition', ts: at(7), plate: 'AB123CD' });
  await report('plateOther', { cameraId: a2.camera.id, type: 'plate_recognition', ts: at(8), plate: 'ZZ999X' });
  await report('line', { cameraId: a2.camera.id, type: 'line_crossing', ts: at(9), name: 'door' });
  await report('faceOfB', {
    cameraId: b1.camera.id,
    type: 'face_recognition',
    ts: at(10),
    descriptor: descriptorOf.same,
  });
  await report('motionOld', { cameraId: a1.camera.id, type: 'motion_detection', ts: hour - 30 * HOUR });
  motionIds = [];
  for (let i = 0; i < MOTION_EVENTS; i += 1)
    motionIds.push(
      await report(`motion${i}`, { cameraId: a1.camera.id, type: 'motion_detection', ts: at(20) + i * 1000 }),
    );
  snapshotJpeg = await jpegOf(3);
  await putSnapshot(stack, KEYS.ARGUS_INTERNAL_KEY, ids.faceMatched!, snapshotJpeg);
  // matching runs after the event is stored
  await until(
    async () =>
      (
        await stack.rest('GET', `/eventmatches/${ids.plateMatched}`, {
          token: adminA.token,
          query: { event_type: 'plate_recognition' },
        })
      ).status === 200 &&
      (
        await stack.rest('GET', `/eventmatches/${ids.faceMatched}`, {
          token: adminA.token,
          query: { event_type: 'face_recognition' },
        })
      ).status === 200,
    20_000,
    'the face and plate matches',
    200,
  );
}, 240_000);

afterAll(() => stack?.stop());

describe('reports', () => {
  it('are refused unsigned, and a report sent twice is one event', async () => {
    const event = reportOf({ cameraId: a2.camera.id, type: 'line_crossing', ts: hour - 5 * HOUR });
    const unsigned = await fetch(`${stack.subgraphs.media.replace(/\/graphql$/, '')}/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
    expect(await postReport(stack, KEYS.ARGUS_INTERNAL_KEY, event)).toBeLessThan(300);
    expect(await postReport(stack, KEYS.ARGUS_INTERNAL_KEY, event)).toBeLessThan(300);
    const list = await stack.rest('GET', '/events', {
      token: adminA.token,
      query: { ...windowOf(hour - 5 * HOUR, hour - 4 * HOUR), event_type: 'line_crossing' },
    });
    expectSpec(list, 200);
    expect(list.body.events.map((e: any) => e.event_id)).toEqual([event.eventId]);
  });
});

describe('GET /events/{event_id} (3.1)', () => {
  it('answers each event type in its spec shape, origin only with with_origin', async () => {
    const faceEvent = await getEvent(adminA.token, ids.faceMatched!, { event_type: 'face_recognition' });
    expectSpec(faceEvent, 200);
    expect(faceEvent.body).toMatchObject({
      event_id: ids.faceMatched,
      event_type: 'face_recognition',
      stream_id: a1.camera.id,
      streamserver_id: 'events-e2e',
      event_action: 'appeared',
      ts: hour + 5 * 60_000,
      event_data: { detection: { bbox: [10, 20, 110, 140] }, descriptor: descriptorOf.same },
    });
    expect(faceEvent.body.origin ?? null).toBeNull();

    const withOrigin = await getEvent(adminA.token, ids.faceMatched!, {
      event_type: 'face_recognition',
      with_origin: true,
    });
    expectSpec(withOrigin, 200);
    expect(withOrigin.body.origin).toEqual({
      plan_id: a1.plan!.id,
      plan_name: a1.plan!.name,
      place_id: a1.place.id,
      place_name: a1.place.name,
      place_description: a1.place.description ?? null,
      place_latitude: 55.75,
      place_longitude: 37.61,
      camera_id: a1.camera.id,
      camera_name: a1.camera.name,
    });
    const noPlan = await getEvent(adminA.token, ids.line!, { event_type: 'line_crossing', with_origin: true });
    expectSpec(noPlan, 200);
    expect(noPlan.body.origin).toMatchObject({ plan_id: null, plan_name: null, place_id: a2.place.id });
    expect(noPlan.body.event_data).toEqual({
      line_crossing: { line_coords: [0, 240, 640, 240], direction: 1, line_name: 'door' },
      detection: { bbox: [10, 20, 110, 140] },
      attributes: { obj_class: 1 },
    });

    const plateEvent = await getEvent(adminA.token, ids.plateMatched!, { event_type: 'plate_recognition' });
    expectSpec(plateEvent, 200);
    expect(plateEvent.body.event_data).toEqual({
      plate_number: { data: 'AB123CD' },
      detection: { bbox: [10, 20, 110, 140] },
    });
    const motion = await getEvent(adminA.token, motionIds[0]!, { event_type: 'motion_detection' });
    expectSpec(motion, 200);
    expect(motion.body.event_data).toEqual({
      motion: { roi_bbox: [0, 0, 640, 480], roi_name: 'whole frame', area_fr: 0.25 },
      detection: { bbox: [10, 20, 110, 140] },
      attributes: { obj_class: 0 },
    });
  });

  it('answers 404 for another type, an unknown id, another organization and a camera outside the groups', async () => {
    for (const res of [
      await getEvent(adminA.token, ids.faceMatched!, { event_type: 'plate_recognition' }),
      await getEvent(adminA.token, randomUUID(), { event_type: 'face_recognition' }),
      await getEvent(adminB.token, ids.faceMatched!, { event_type: 'face_recognition' }),
      await getEvent(adminA.token, ids.faceOfB!, { event_type: 'face_recognition' }),
      await getEvent(memberA.token, ids.faceStranger!, { event_type: 'face_recognition' }),
    ]) {
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectSpec(await getEvent(memberA.token, ids.faceMatched!, { event_type: 'face_recognition' }), 200);
    expectSpec(await getEvent(adminB.token, ids.faceOfB!, { event_type: 'face_recognition' }), 200);
  });

  it('validates the id and event_type (422), and needs a token (401)', async () => {
    expectValidation(await getEvent(adminA.token, 'not-a-uuid', { event_type: 'face_recognition' }), [
      'path',
      'event_id',
    ]);
    expectValidation(await getEvent(adminA.token, ids.faceMatched!, {}), ['query', 'event_type']);
    expectValidation(await getEvent(adminA.token, ids.faceMatched!, { event_type: 'smile' }), ['query', 'event_type']);
    expectSpec(await getEvent(undefined, ids.faceMatched!, { event_type: 'face_recognition' }), 401);
  });
});

describe('GET /events (3.2)', () => {
  const list = (token: string, query: Record<string, any>) => stack.rest('GET', '/events', { token, query });

  it('pages oldest first with the cursor in the body and the Pagination-Cursor header, 20 by default', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(adminA.token, { ...windowOf(), event_type: 'motion_detection', limit: 10, cursor });
      expectSpec(res, 200);
      pages += 1;
      seen.push(...res.body.events.map((e: any) => e.event_id));
      cursor = res.body.pagination.cursor ?? undefined;
      expect(res.headers.get('pagination-cursor') ?? undefined).toBe(cursor);
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(motionIds);

    const byDefault = await list(adminA.token, { ...windowOf(), event_type: 'motion_detection' });
    expectSpec(byDefault, 200);
    expect(byDefault.body.events).toHaveLength(20);
    // the header's cursor goes on exactly as the body's
    const next = await list(adminA.token, {
      ...windowOf(),
      event_type: 'motion_detection',
      cursor: byDefault.headers.get('pagination-cursor')!,
    });
    expectSpec(next, 200);
    expect(next.body.events.map((e: any) => e.event_id)).toEqual(motionIds.slice(20));
    expect(next.body.pagination.cursor ?? null).toBeNull();
    expect(next.headers.get('pagination-cursor')).toBeNull();
  });

  it('lists one type in its window, filtered by stream, place or group, with origin on request', async () => {
    const faces = await list(adminA.token, { ...windowOf(), event_type: 'face_recognition', with_origin: true });
    expectSpec(faces, 200);
    expect(faces.body.events.map((e: any) => e.event_id)).toEqual([ids.faceMatched, ids.faceStranger]);
    expect(faces.body.events[0].event_data.descriptor).toEqual(descriptorOf.same);
    expect(faces.body.events.map((e: any) => e.origin.camera_id)).toEqual([a1.camera.id, a2.camera.id]);

    const byStream = await list(adminA.token, {
      ...windowOf(),
      event_type: 'face_recognition',
      stream_id: a2.camera.id,
    });
    expect(byStream.body.events.map((e: any) => e.event_id)).toEqual([ids.faceStranger]);
    const byPlace = await list(adminA.token, { ...windowOf(), event_type: 'plate_recognition', place_id: a1.place.id });
    expect(byPlace.body.events.map((e: any) => e.event_id)).toEqual([ids.plateMatched]);
    const byGroup = await list(adminA.token, { ...windowOf(), event_type: 'face_recognition', group_id: group.id });
    expect(byGroup.body.events.map((e: any) => e.event_id)).toEqual([ids.faceMatched]);
    expect(byGroup.body.events[0].origin ?? null).toBeNull();

    // a group member sees the cameras of their groups' places; another organization nothing of A
    const member = await list(memberA.token, { ...windowOf(), event_type: 'face_recognition' });
    expect(member.body.events.map((e: any) => e.event_id)).toEqual([ids.faceMatched]);
    const other = await list(adminB.token, { ...windowOf(), event_type: 'face_recognition' });
    expect(other.body.events.map((e: any) => e.event_id)).toEqual([ids.faceOfB]);
    const outside = await list(adminA.token, { ...windowOf(hour - 3 * HOUR, hour), event_type: 'face_recognition' });
    expect(outside.body.events).toEqual([]);
  });

  it('takes the window as FastAPI does: without an offset (UTC), with a space, without seconds, or epoch seconds', async () => {
    const expected = (await list(adminA.token, { ...windowOf(), event_type: 'face_recognition' })).body.events;
    expect(expected).toHaveLength(2);
    const naive = (ms: number) => iso(ms).slice(0, 19);
    for (const window of [
      { ts_from: naive(hour), ts_to: naive(hour + HOUR) },
      { ts_from: naive(hour).replace('T', ' '), ts_to: `${naive(hour + HOUR).slice(0, 16)}+00:00` },
      { ts_from: String(hour / 1000), ts_to: String(hour + HOUR) },
      // the same instant as `hour`, written an hour ahead with its offset
      { ts_from: iso(hour + HOUR).replace('Z', '+01:00'), ts_to: iso(hour + HOUR) },
    ]) {
      const res = await list(adminA.token, { ...window, event_type: 'face_recognition' });
      expectSpec(res, 200);
      expect(res.body.events).toEqual(expected);
    }
    expectValidation(
      await list(adminA.token, { ts_from: '2026-02-30T00:00:00', ts_to: naive(hour), event_type: 'face_recognition' }),
      ['query', 'ts_from'],
    );
  });

  it('takes with_origin as FastAPI does (True from Python, 1, yes, off…), 422 for what is no boolean', async () => {
    const query = { ...windowOf(), event_type: 'face_recognition' };
    const withOrigin = (await list(adminA.token, { ...query, with_origin: 'true' })).body.events;
    const without = (await list(adminA.token, { ...query, with_origin: 'false' })).body.events;
    expect(withOrigin[0].origin.camera_id).toBe(a1.camera.id);
    expect(without[0].origin ?? null).toBeNull();
    for (const [value, expected] of [
      ['True', withOrigin],
      ['1', withOrigin],
      ['YES', withOrigin],
      ['on', withOrigin],
      ['False', without],
      ['0', without],
      ['off', without],
    ] as const) {
      const res = await list(adminA.token, { ...query, with_origin: value });
      expectSpec(res, 200);
      expect(res.body.events, value).toEqual(expected);
    }
    expectValidation(await list(adminA.token, { ...query, with_origin: 'maybe' }), ['query', 'with_origin']);
  });

  it('refuses a window over 24 h and two of stream/place/group (400), bad limits and windows (422)', async () => {
    const base = { event_type: 'motion_detection' };
    for (const query of [
      { ...base, ...windowOf(hour - 24 * HOUR - 1000, hour) },
      { ...base, ...windowOf(), stream_id: a1.camera.id, place_id: a1.place.id },
      { ...base, ...windowOf(), place_id: a1.place.id, group_id: group.id },
      { ...base, ...windowOf(), stream_id: a1.camera.id, group_id: group.id },
    ]) {
      const res = await list(adminA.token, query);
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }
    expectSpec(await list(adminA.token, { ...base, ...windowOf(hour - 24 * HOUR, hour) }), 200);
    expectValidation(await list(adminA.token, { ...base, ...windowOf(), limit: 9 }), ['query', 'limit']);
    expectValidation(await list(adminA.token, { ...base, ...windowOf(), limit: 1001 }), ['query', 'limit']);
    expectSpec(await list(adminA.token, { ...base, ...windowOf(), limit: 1000 }), 200);
    expectValidation(await list(adminA.token, { ...base, ts_from: 'yesterday', ts_to: iso(hour) }), [
      'query',
      'ts_from',
    ]);
    expectValidation(await list(adminA.token, { ...windowOf() }), ['query', 'event_type']);
    expectValidation(await list(adminA.token, { ...base, ...windowOf(), stream_id: 'cam-1' }), ['query', 'stream_id']);
    expectValidation(await list(adminA.token, { ...base, ...windowOf(hour + HOUR, hour) }), ['query', 'ts_to']);
  });
});

describe('event matches (3.3, 3.4)', () => {
  it('answers a face match with match_data and a plate match, 404 for what is no match', async () => {
    const faceMatch = await stack.rest('GET', `/eventmatches/${ids.faceMatched}`, {
      token: adminA.token,
      query: { event_type: 'face_recognition', with_origin: true },
    });
    expectSpec(faceMatch, 200);
    expect(faceMatch.body.origin.camera_id).toBe(a1.camera.id);
    expect(faceMatch.body.match_data).toEqual([
      {
        face_id: face.id,
        face_name: 'Wanted Person',
        facelist_id: facelist.id,
        facelist_name: 'Wanted',
        similarity: expect.closeTo(1, 3),
        priority: 'high',
      },
    ]);
    const plateMatch = await stack.rest('GET', `/eventmatches/${ids.plateMatched}`, {
      token: adminA.token,
      query: { event_type: 'plate_recognition' },
    });
    expectSpec(plateMatch, 200);
    expect(plateMatch.body.match_data).toEqual([
      expect.objectContaining({
        plate_id: plate.id,
        platelist_id: platelist.id,
        platelist_name: 'Stolen',
        priority: 'medium',
      }),
    ]);
    for (const [id, type, token] of [
      [ids.faceStranger, 'face_recognition', adminA.token],
      [ids.plateOther, 'plate_recognition', adminA.token],
      [ids.faceOfB, 'face_recognition', adminB.token],
      [ids.faceMatched, 'face_recognition', adminB.token],
      [ids.faceMatched, 'plate_recognition', adminA.token],
      [motionIds[0], 'motion_detection', adminA.token],
      [randomUUID(), 'face_recognition', adminA.token],
    ] as const) {
      const res = await stack.rest('GET', `/eventmatches/${id}`, { token, query: { event_type: type } });
      expectSpec(res, 404);
    }
  });

  it('lists only matched events with their match_data, and applies the rules of 3.2', async () => {
    const faces = await stack.rest('GET', '/eventmatches', {
      token: adminA.token,
      query: { ...windowOf(), event_type: 'face_recognition' },
    });
    expectSpec(faces, 200);
    expect(faces.body.events.map((e: any) => e.event_id)).toEqual([ids.faceMatched]);
    expect(faces.body.events[0].match_data[0].face_id).toBe(face.id);
    const plates = await stack.rest('GET', '/eventmatches', {
      token: adminA.token,
      query: { ...windowOf(), event_type: 'plate_recognition', stream_id: a1.camera.id },
    });
    expect(plates.body.events.map((e: any) => e.event_id)).toEqual([ids.plateMatched]);
    const motion = await stack.rest('GET', '/eventmatches', {
      token: adminA.token,
      query: { ...windowOf(), event_type: 'motion_detection' },
    });
    expectSpec(motion, 200);
    expect(motion.body.events).toEqual([]);
    const other = await stack.rest('GET', '/eventmatches', {
      token: adminB.token,
      query: { ...windowOf(), event_type: 'face_recognition' },
    });
    expect(other.body.events).toEqual([]);
    expectSpec(
      await stack.rest('GET', '/eventmatches', {
        token: adminA.token,
        query: { ...windowOf(hour - 25 * HOUR, hour), event_type: 'face_recognition' },
      }),
      400,
    );
    expectSpec(
      await stack.rest('GET', '/eventmatches', {
        token: adminA.token,
        query: { ...windowOf(), event_type: 'face_recognition', place_id: a1.place.id, group_id: group.id },
      }),
      400,
    );
    expectValidation(
      await stack.rest('GET', '/eventmatches', {
        token: adminA.token,
        query: { ...windowOf(), event_type: 'face_recognition', limit: 5 },
      }),
      ['query', 'limit'],
    );
  });
});

describe('search (17.1, 17.2)', () => {
  const searchFace = (token: string, json: unknown, query: Record<string, any> = {}) =>
    stack.rest('POST', '/search/face', { token, json, query });

  it('finds face events by descriptor, best first, in what the caller sees', async () => {
    const close = await searchFace(adminA.token, { descriptor: { ...descriptorOf.same, version: 1 }, threshold: 0.9 });
    expectSpec(close, 200);
    expect(close.body.events.map((e: any) => e.event_id)).toEqual([ids.faceMatched]);
    expect(close.body.events[0].similarity).toBeCloseTo(1, 3);
    expect(close.body.events[0].origin.camera_id).toBe(a1.camera.id);
    expect(close.body.events[0].match_data[0].face_id).toBe(face.id);

    const all = await searchFace(adminA.token, { descriptor: { ...descriptorOf.same, version: 1 }, threshold: 0 });
    expectSpec(all, 200);
    const similarities: number[] = all.body.events.map((e: any) => e.similarity);
    expect(all.body.events[0].event_id).toBe(ids.faceMatched);
    expect(similarities).toEqual([...similarities].sort((x, y) => y - x));
    expect(similarities.every((s) => s >= 0)).toBe(true);
    expect(all.body.events.every((e: any) => [ids.faceMatched, ids.faceStranger].includes(e.event_id))).toBe(true);

    const inGroup = await searchFace(
      adminA.token,
      { descriptor: { ...descriptorOf.same, version: 1 }, threshold: 0 },
      { group_id: group.id },
    );
    expect(inGroup.body.events.map((e: any) => e.event_id)).toEqual([ids.faceMatched]);
    const other = await searchFace(adminB.token, { descriptor: { ...descriptorOf.same, version: 1 }, threshold: 0.9 });
    expect(other.body.events.map((e: any) => e.event_id)).toEqual([ids.faceOfB]);
  });

  it('refuses another descriptor version (400) and a threshold out of 0..1 (422)', async () => {
    const res = await searchFace(adminA.token, { descriptor: { ...descriptorOf.same, version: 2 }, threshold: 0.5 });
    expectSpec(res, 400);
    expect(res.body).toEqual(errorBody('invalid_request', 400));
    expectValidation(
      await searchFace(adminA.token, { descriptor: { ...descriptorOf.same, version: 1 }, threshold: 1.5 }),
      ['body', 'threshold'],
    );
    expectValidation(await searchFace(adminA.token, { threshold: 0.5 }), ['body', 'descriptor']);
  });

  it('finds plate events by a normalised number or a part of it', async () => {
    const exact = await stack.rest('POST', '/search/plate', {
      token: adminA.token,
      json: { plate: { number: 'ab 123-cd' } },
    });
    expectSpec(exact, 200);
    expect(exact.body.events.map((e: any) => e.event_id)).toEqual([ids.plateMatched]);
    expect(exact.body.events[0].similarity).toBe(1);
    expect(exact.body.events[0].match_data[0].plate_id).toBe(plate.id);
    const partial = await stack.rest('POST', '/search/plate', {
      token: adminA.token,
      json: { plate: { number: '99' } },
    });
    expectSpec(partial, 200);
    expect(partial.body.events.map((e: any) => e.event_id)).toEqual([ids.plateOther]);
    expect(partial.body.events[0].similarity).toBeCloseTo(2 / 6, 5);
    const other = await stack.rest('POST', '/search/plate', {
      token: adminB.token,
      json: { plate: { number: 'AB123CD' } },
    });
    expect(other.body.events).toEqual([]);
    expectValidation(await stack.rest('POST', '/search/plate', { token: adminA.token, json: { plate: {} } }), [
      'body',
      'plate',
      'number',
    ]);
  });
});

describe('GET /snapshots/{event_id} (19.1)', () => {
  const snapshot = (token: string | undefined, id: string, eventType: string) =>
    fetch(`${stack.restUrl}/api/v1/snapshots/${id}?event_type=${eventType}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('serves the JPEG once stored, 503 before, 404 for what the caller cannot see', async () => {
    const stored = await snapshot(adminA.token, ids.faceMatched!, 'face_recognition');
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await stored.arrayBuffer()).equals(snapshotJpeg)).toBe(true);

    const pending = await snapshot(adminA.token, ids.plateMatched!, 'plate_recognition');
    expect(pending.status).toBe(503);
    expect(await pending.json()).toEqual(errorBody('temporarily_unavailable', 503));
    for (const res of [
      await snapshot(adminA.token, randomUUID(), 'face_recognition'),
      await snapshot(adminB.token, ids.faceMatched!, 'face_recognition'),
      await snapshot(adminA.token, ids.faceMatched!, 'plate_recognition'),
      await snapshot(memberA.token, ids.faceStranger!, 'face_recognition'),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(errorBody('not_found', 404));
    }
    expect((await snapshot(undefined, ids.faceMatched!, 'face_recognition')).status).toBe(401);
    expectValidation(
      await stack.rest('GET', '/snapshots/not-a-uuid', {
        token: adminA.token,
        query: { event_type: 'face_recognition' },
      }),
      ['path', 'event_id'],
    );
    expectValidation(await stack.rest('GET', `/snapshots/${ids.faceMatched}`, { token: adminA.token }), [
      'query',
      'event_type',
    ]);
  });
});

describe('event stats (20.2–20.4)', () => {
  const stats = (token: string, path: string, query: Record<string, any>) =>
    stack.rest('GET', `/stats/${path}`, { token, query });

  it('counts events by type per hour up to 24 h and per day beyond', async () => {
    const hours = await stats(adminA.token, 'eventsbytype', windowOf(hour - 2 * HOUR, hour + HOUR));
    expectSpec(hours, 200);
    expect(hours.body.period).toBe('hour');
    expect(hours.body.entries.map((e: any) => e.ts)).toEqual([iso(hour - 2 * HOUR), iso(hour - HOUR), iso(hour)]);
    expect(hours.body.entries[2]).toEqual({
      ts: iso(hour),
      face_recognition: 2,
      plate_recognition: 2,
      motion_detection: MOTION_EVENTS,
      line_crossing: 1,
    });
    expect(hours.body.entries[0].motion_detection).toBe(0);

    const days = await stats(adminA.token, 'eventsbytype', windowOf(hour - 48 * HOUR, hour + HOUR));
    expectSpec(days, 200);
    expect(days.body.period).toBe('day');
    const total = (key: string) => days.body.entries.reduce((sum: number, e: any) => sum + e[key], 0);
    expect(total('motion_detection')).toBe(MOTION_EVENTS + 1);
    expect(days.body.entries.every((e: any) => e.ts.endsWith('T00:00:00.000Z'))).toBe(true);

    const member = await stats(memberA.token, 'eventsbytype', windowOf());
    expect(member.body.entries[0]).toMatchObject({ face_recognition: 1, plate_recognition: 1, line_crossing: 0 });
    const byGroup = await stats(adminA.token, 'eventsbytype', { ...windowOf(), group_id: group.id });
    expect(byGroup.body.entries[0]).toMatchObject({ face_recognition: 1, line_crossing: 0 });
    const other = await stats(adminB.token, 'eventsbytype', windowOf());
    expect(other.body.entries[0]).toMatchObject({ face_recognition: 1, plate_recognition: 0, motion_detection: 0 });
    const superuser = await stats(stack.adminToken, 'eventsbytype', { ...windowOf(), organization_id: orgB.id });
    expectSpec(superuser, 200);
    expect(superuser.body.entries[0]).toMatchObject({ face_recognition: 1, motion_detection: 0 });
    expectValidation(await stats(adminA.token, 'eventsbytype', { ts_from: iso(hour) }), ['query', 'ts_to']);
  });

  it('counts event matches by priority', async () => {
    const res = await stats(adminA.token, 'eventmatchesbypriority', windowOf());
    expectSpec(res, 200);
    expect(res.body.period).toBe('hour');
    expect(res.body.entries[0]).toEqual({ ts: iso(hour), low: 0, medium: 1, high: 1, none: 0 });
    const other = await stats(adminB.token, 'eventmatchesbypriority', windowOf());
    expect(other.body.entries[0]).toMatchObject({ low: 0, medium: 0, high: 0 });
  });

  it("gives a stream's intensity per type, 404 for a stream the caller cannot see", async () => {
    const res = await stats(adminA.token, 'eventsintensity', { ...windowOf(), stream_id: a1.camera.id });
    expectSpec(res, 200);
    expect(res.body.meta.event_types).toEqual({
      fr: 'face_recognition',
      pr: 'plate_recognition',
      md: 'motion_detection',
      lc: 'line_crossing',
    });
    expect(res.body.entries[0]).toEqual({ ts: iso(hour), fr: 1, pr: 1, md: MOTION_EVENTS, lc: 0 });
    for (const [token, stream] of [
      [adminB.token, a1.camera.id],
      [memberA.token, a2.camera.id],
      [adminA.token, randomUUID()],
    ] as const) {
      expectSpec(await stats(token, 'eventsintensity', { ...windowOf(), stream_id: stream }), 404);
    }
    expectValidation(await stats(adminA.token, 'eventsintensity', windowOf()), ['query', 'stream_id']);
  });
});
