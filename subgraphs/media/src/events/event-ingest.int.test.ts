import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSpec, TestStack, type TestUser } from '../../../../test/support/stack.js';
import { until } from '../../../../test/support/waiting.js';
import { createCamera, createPlace } from '../../../../test/e2e/topology-fixtures.js';
import {
  DAY,
  descriptorData,
  engineSigned,
  KEYS,
  randomUnit,
  reportOf,
  seeded,
  startEventsMedia,
  type EventsMedia,
} from '../../test/event-test-support.js';

/**
 * Engines' reports to POST /internal/events and PUT /internal/events/{id}/snapshot over real HTTP,
 * stored in the real database (PGlite, or the server named by DATABASE_URL): idempotence, signatures,
 * strict checks, snapshots, matching while watchlists is down, and who sees which event.
 */

type Member = TestUser & { token: string };

const SNAPSHOT_MAX_BYTES = 4096;
const WANTED_PLATE = 'WNT 404';

let stack: TestStack;
let media: EventsMedia;
let watchlistsUp = true;
let deadUrl: string;
let adminA: Member;
let adminB: Member;
let memberA: Member;
/** a1: on a place of memberA's group; a2: another place of organization A; b1: organization B */
const cam = { a1: '', a2: '', b1: '' };

const EVENT = `query($id: ID!, $type: RecognitionEventType!) { event(id: $id, eventType: $type) {
  id cameraId organizationId matchState matched hasSnapshot
  ... on PlateRecognitionEvent { eventData { plateNumber { data } } matches { plateNumber plateListName priority } }
} }`;
const EVENTS = `query($filter: EventFilter!) { events(filter: $filter, first: 1000) { nodes { id cameraId } } }`;

async function camera(admin: Member, groupId?: number): Promise<string> {
  const place = await createPlace(stack, admin.token, { latitude: 55.75, longitude: 37.61 });
  const created = await createCamera(stack, admin.token, place.id);
  if (groupId)
    expectSpec(
      await stack.rest('POST', `/groups/${groupId}/places`, { token: admin.token, json: { place_ids: [place.id] } }),
      200,
    );
  return created.id as string;
}

/** An address where nothing listens (watchlists down). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

async function eventOf(token: string, id: string, type: string) {
  const answer = await media.graphql(token, EVENT, { id, type });
  expect(answer.errors).toBeUndefined();
  return answer.data.event;
}

beforeAll(async () => {
  stack = await TestStack.start({ env: KEYS });
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  const group = await stack.createGroup(orgA.id);
  [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  const user = await stack.createUser({ organizationId: orgA.id, role: 'operator', groupIds: [group.id] });
  memberA = { ...user, token: (await stack.login(user.email, user.password)).access_token };
  cam.a1 = await camera(adminA, group.id);
  cam.a2 = await camera(adminA);
  cam.b1 = await camera(adminB);
  for (const admin of [adminA, adminB]) {
    const plate = (await stack.rest('POST', '/plates', { token: admin.token, json: { number: WANTED_PLATE } })).body;
    const list = (
      await stack.rest('POST', '/platelists', { token: admin.token, json: { name: 'Wanted', priority: 'high' } })
    ).body;
    expectSpec(await stack.rest('POST', `/platelists/${list.id}/plates/${plate.id}`, { token: admin.token }), 200);
  }
  deadUrl = await closedPort();
  media = await startEventsMedia(stack, {
    watchlistsUrl: () => (watchlistsUp ? stack.subgraphs.watchlists : deadUrl),
    env: {
      EVENT_MATCH_RETRY_MS: '50',
      EVENT_MATCH_MAX_ATTEMPTS: '50',
      EVENT_SNAPSHOT_MAX_BYTES: String(SNAPSHOT_MAX_BYTES),
    },
  });
});

afterAll(async () => {
  await media?.stop();
  await stack?.stop();
});

describe('a re-sent report', () => {
  it('is stored once: 201 the first time, 200 and no change after, also when sent concurrently', async () => {
    const before = await media.stored();
    const report = reportOf(cam.a2, 'motion_detection');
    const first = await media.post(report);
    expect(first.status, first.text).toBe(201);
    expect(JSON.parse(first.text)).toEqual({ eventId: report.eventId, created: true });

    const again = await media.post({ ...report, objectId: 'another track', eventAction: 'ended' });
    expect(again.status, again.text).toBe(200);
    expect(JSON.parse(again.text)).toEqual({ eventId: report.eventId, created: false });
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => media.post(report)));
    expect(concurrent.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);

    expect(await media.stored()).toEqual({ events: before.events + 1, ids: before.ids + 1 });
    const stored = await media.graphql(
      adminA.token,
      'query($id: ID!) { event(id: $id, eventType: MOTION_DETECTION) { objectId eventAction } }',
      {
        id: report.eventId,
      },
    );
    expect(stored.data.event).toEqual({ objectId: report.objectId, eventAction: 'appeared' });
  });

  it('of a new event sent concurrently creates exactly one event', async () => {
    const before = await media.stored();
    const report = reportOf(cam.a2, 'line_crossing');
    const answers = await Promise.all(Array.from({ length: 6 }, () => media.post(report)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await media.stored()).toEqual({ events: before.events + 1, ids: before.ids + 1 });
  });
});

describe('signatures', () => {
  const cases: [string, (body: string) => Parameters<EventsMedia['post']>[1]][] = [
    ['no signature', () => ({ unsigned: true })],
    ['another key', () => ({ key: 'someone-elses-internal-key-0123456789abcdef' })],
    ['an expired signature', () => ({ expires: Math.floor(Date.now() / 1000) - 5 })],
    ['a body not matching body_sha256', (body) => ({ signedBody: body.replace('appeared', 'improved') })],
    ['a signature of an empty body', () => ({ signedBody: '' })],
  ];

  it.each(cases)('%s: 403 and nothing stored', async (_name, sign) => {
    const before = await media.stored();
    const report = reportOf(cam.a1, 'plate_recognition');
    const body = JSON.stringify(report);
    const answer = await media.post(body, sign(body));
    expect(answer.status, answer.text).toBe(403);
    expect(await media.stored()).toEqual(before);
    // the refused report's id is still unknown: the engine's signed retry creates it
    expect((await media.post(body)).status).toBe(201);
  });

  it('a signed URL whose query was changed afterwards: 403', async () => {
    const before = await media.stored();
    const body = JSON.stringify(reportOf(cam.a1, 'motion_detection'));
    const url = engineSigned(new URL(`${media.baseUrl}/internal/events`), body);
    url.searchParams.set('extra', '1');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(403);
    expect(await media.stored()).toEqual(before);
  });

  it('a snapshot with a bad signature: 403, nothing written', async () => {
    const report = reportOf(cam.a1, 'motion_detection');
    expect((await media.post(report)).status).toBe(201);
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const url = engineSigned(new URL(`${media.baseUrl}/internal/events/${report.eventId}/snapshot`), jpeg, {
      key: 'someone-elses-internal-key-0123456789abcdef',
    });
    const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: jpeg });
    expect(res.status).toBe(403);
    expect((await eventOf(adminA.token, report.eventId, 'MOTION_DETECTION')).hasSnapshot).toBe(false);
  });
});

describe('invalid reports', () => {
  const valid = () => reportOf(cam.a1, 'face_recognition') as any;
  const floats = (n: number, value = 0.1) => Buffer.from(new Float32Array(n).fill(value).buffer).toString('base64');
  const withData = (patch: Record<string, unknown>) => {
    const r = valid();
    return { ...r, eventData: { ...r.eventData, ...patch } };
  };
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const cases: [string, () => unknown, number, string[]?][] = [
    ['not JSON', () => '{"eventId":', 400],
    ['an empty body', () => '', 400],
    ['JSON null', () => 'null', 422, ['body']],
    ['a JSON array', () => '[1,2]', 422, ['body']],
    ['a JSON string', () => '"report"', 422, ['body']],
    ['an unknown event type', () => ({ ...valid(), eventType: 'gunshot' }), 422, ['body', 'eventType']],
    ['no event type', () => ({ ...valid(), eventType: undefined }), 422, ['body', 'eventType']],
    ['no camera', () => ({ ...valid(), cameraId: undefined }), 422, ['body', 'cameraId']],
    ['no event data', () => ({ ...valid(), eventData: undefined }), 422, ['body', 'eventData']],
    ['no ts', () => ({ ...valid(), ts: undefined }), 422, ['body', 'ts']],
    ['a ts as text', () => ({ ...valid(), ts: String(Date.now()) }), 422, ['body', 'ts']],
    ['a ts past retention', () => ({ ...valid(), ts: Date.now() - 400 * DAY }), 422, ['body', 'ts']],
    ['a ts two days ahead', () => ({ ...valid(), ts: Date.now() + 2 * DAY }), 422, ['body', 'ts']],
    ['an event id that is no uuid', () => ({ ...valid(), eventId: 'event-1' }), 422, ['body', 'eventId']],
    ['a camera id that is no uuid', () => ({ ...valid(), cameraId: `${cam.a1}x` }), 422, ['body', 'cameraId']],
    ['an unknown action', () => ({ ...valid(), eventAction: 'lingered' }), 422, ['body', 'eventAction']],
    ['a frame of no pixels', () => ({ ...valid(), frameSize: [0, 0] }), 422, ['body', 'frameSize']],
    ['an unknown field', () => ({ ...valid(), priority: 'high' }), 422, ['body', 'priority']],
    ['a __proto__ field', () => `{"__proto__":{"x":1},${JSON.stringify(valid()).slice(1)}`, 422, ['body', '__proto__']],
    [
      'a bbox of three numbers',
      () => withData({ detection: { bbox: [1, 2, 3] } }),
      422,
      ['body', 'eventData', 'detection', 'bbox'],
    ],
    [
      'a bbox of five numbers',
      () => withData({ detection: { bbox: [1, 2, 3, 4, 5] } }),
      422,
      ['body', 'eventData', 'detection', 'bbox'],
    ],
    [
      'a bbox of text',
      () => withData({ detection: { bbox: ['1', '2', '3', '4'] } }),
      422,
      ['body', 'eventData', 'detection', 'bbox'],
    ],
    [
      'a descriptor of 511 values',
      () => withData({ descriptor: { data: floats(511), norm: 1 } }),
      422,
      ['body', 'eventData', 'descriptor', 'data'],
    ],
    [
      'a descriptor of 513 values',
      () => withData({ descriptor: { data: floats(513), norm: 1 } }),
      422,
      ['body', 'eventData', 'descriptor', 'data'],
    ],
    [
      'a descriptor of zeros',
      () => withData({ descriptor: { data: floats(512, 0), norm: 1 } }),
      422,
      ['body', 'eventData', 'descriptor', 'data'],
    ],
    [
      'a descriptor of NaN',
      () => withData({ descriptor: { data: floats(512, NaN), norm: 1 } }),
      422,
      ['body', 'eventData', 'descriptor', 'data'],
    ],
    [
      'a descriptor that is no base64',
      () => withData({ descriptor: { data: '%%%%', norm: 1 } }),
      422,
      ['body', 'eventData', 'descriptor', 'data'],
    ],
    [
      'a descriptor without norm',
      () => withData({ descriptor: { data: floats(512) } }),
      422,
      ['body', 'eventData', 'descriptor', 'norm'],
    ],
    [
      'a plate event without a number',
      () => ({ ...reportOf(cam.a1, 'plate_recognition'), eventData: { detection: { bbox: [1, 2, 3, 4] } } }),
      422,
      ['body', 'eventData', 'plate_number', 'data'],
    ],
    [
      'a plate of only dashes',
      () => ({
        ...reportOf(cam.a1, 'plate_recognition'),
        eventData: { plate_number: { data: ' - - ' }, detection: { bbox: [1, 2, 3, 4] } },
      }),
      422,
      ['body', 'eventData', 'plate_number', 'data'],
    ],
    [
      'motion over the whole frame twice',
      () => {
        const r = reportOf(cam.a1, 'motion_detection') as any;
        return { ...r, eventData: { ...r.eventData, motion: { ...r.eventData.motion, area_fr: 2 } } };
      },
      422,
      ['body', 'eventData', 'motion', 'area_fr'],
    ],
    [
      'a crossing in an unknown direction',
      () => {
        const r = reportOf(cam.a1, 'line_crossing') as any;
        return { ...r, eventData: { ...r.eventData, line_crossing: { ...r.eventData.line_crossing, direction: 3 } } };
      },
      422,
      ['body', 'eventData', 'line_crossing', 'direction'],
    ],
    ['a NUL character in a text', () => ({ ...valid(), objectId: 'track\u00001' }), 422, ['body', 'objectId']],
    [
      'a NUL character in the attributes',
      () => withData({ attributes: { note: 'a\u0000b' } }),
      422,
      ['body', 'eventData', 'attributes', 'note'],
    ],
    [
      'a lone surrogate in the attributes',
      () => withData({ attributes: { note: 'a\ud800b' } }),
      422,
      ['body', 'eventData', 'attributes', 'note'],
    ],
    [
      'attributes nested too deep',
      () => JSON.stringify(withData({ attributes: { deep: 'DEEP' } })).replace('"DEEP"', nested(10_000)),
      422,
      ['body', 'eventData', 'attributes'],
    ],
    ['a body over 64 KiB', () => ({ ...valid(), padding: 'x'.repeat(200_000) }), 413],
  ];

  it.each(cases)('%s: refused, nothing stored', async (_name, body, status, loc) => {
    const before = await media.stored();
    const sent = body();
    const answer = await media.post(typeof sent === 'string' ? sent : JSON.stringify(sent));
    expect(answer.status, answer.text).toBe(status);
    if (loc) {
      const locs: unknown[][] = JSON.parse(answer.text).detail.map((p: { loc: unknown[] }) => p.loc);
      expect(locs.map((l) => l.slice(0, loc.length))).toContainEqual(loc);
    }
    expect(await media.stored()).toEqual(before);
  });

  it('a camera topology does not know: 404, nothing stored', async () => {
    const before = await media.stored();
    const answer = await media.post(reportOf(randomUUID(), 'motion_detection'));
    expect(answer.status, answer.text).toBe(404);
    expect(await media.stored()).toEqual(before);
  });

  it('other methods on the report route: 405', async () => {
    const res = await fetch(`${media.baseUrl}/internal/events`, { method: 'GET' });
    expect(res.status).toBe(405);
  });
});

describe('snapshots', () => {
  let eventId: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    const report = reportOf(cam.a1, 'face_recognition', { descriptor: randomUnit(seeded(7)) });
    eventId = report.eventId;
    expect((await media.post(report)).status).toBe(201);
    jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366cc' } })
      .jpeg()
      .toBuffer();
  });

  const snapshotOf = (token: string, id: string, type = 'face_recognition') =>
    fetch(`${media.baseUrl}/snapshots/${id}?event_type=${type}`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses what is not a JPEG (415) and stores nothing', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect((await media.putSnapshot(eventId, png)).status).toBe(415);
    expect((await media.putSnapshot(eventId, Buffer.from('hello, not an image'))).status).toBe(415);
    expect((await media.putSnapshot(eventId, Buffer.alloc(0))).status).toBe(415);
    expect((await media.putSnapshot(eventId, jpeg, 'image/png')).status).toBe(415);
    expect((await snapshotOf(adminA.token, eventId)).status).toBe(503);
  });

  it('refuses a snapshot over EVENT_SNAPSHOT_MAX_BYTES (413)', async () => {
    const big = Buffer.concat([jpeg, Buffer.alloc(SNAPSHOT_MAX_BYTES)]);
    expect((await media.putSnapshot(eventId, big)).status).toBe(413);
    expect((await snapshotOf(adminA.token, eventId)).status).toBe(503);
  });

  it('refuses a snapshot of an unknown event (404)', async () => {
    expect((await media.putSnapshot(randomUUID(), jpeg)).status).toBe(404);
  });

  it('stores a JPEG, served to the event organization only', async () => {
    expect((await media.putSnapshot(eventId.toUpperCase(), jpeg)).status).toBe(204);
    const res = await snapshotOf(adminA.token, eventId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await snapshotOf(adminB.token, eventId)).status).toBe(404);
    expect((await snapshotOf(adminA.token, eventId, 'plate_recognition')).status).toBe(404);
    expect((await eventOf(adminA.token, eventId, 'FACE_RECOGNITION')).hasSnapshot).toBe(true);
  });
});

describe('matching while watchlists is down', () => {
  it('keeps the event PENDING and matches it once watchlists answers again', async () => {
    watchlistsUp = false;
    try {
      const report = reportOf(cam.a1, 'plate_recognition', { plate: 'wnt-404' });
      const answer = await media.post(report);
      expect(answer.status, answer.text).toBe(201);
      const pending = await eventOf(adminA.token, report.eventId, 'PLATE_RECOGNITION');
      expect(pending).toMatchObject({ matchState: 'PENDING', matched: false, matches: [] });
      expect(pending.eventData.plateNumber.data).toBe('WNT404');
      // still pending after a retry failed too
      await until(async () => (await attempts(report.eventId)) >= 2, 20_000, 'a retry while watchlists is down', 100);
      expect((await eventOf(adminA.token, report.eventId, 'PLATE_RECOGNITION')).matchState).toBe('PENDING');

      watchlistsUp = true;
      await until(
        async () => (await eventOf(adminA.token, report.eventId, 'PLATE_RECOGNITION')).matchState !== 'PENDING',
        30_000,
        'matching after watchlists is back',
        100,
      );
      const matched = await eventOf(adminA.token, report.eventId, 'PLATE_RECOGNITION');
      expect(matched).toMatchObject({
        matchState: 'DONE',
        matched: true,
        matches: [{ plateNumber: WANTED_PLATE, plateListName: 'Wanted', priority: 'HIGH' }],
      });
    } finally {
      watchlistsUp = true;
    }
  });

  it('gives up after EVENT_MATCH_MAX_ATTEMPTS tries: FAILED, the event kept', async () => {
    const failing = await startEventsMedia(stack, {
      watchlistsUrl: () => deadUrl,
      env: { EVENT_MATCH_RETRY_MS: '10', EVENT_MATCH_MAX_ATTEMPTS: '3' },
    });
    try {
      const report = reportOf(cam.a1, 'plate_recognition', { plate: WANTED_PLATE });
      expect((await failing.post(report)).status).toBe(201);
      const state = async () =>
        (await failing.graphql(adminA.token, EVENT, { id: report.eventId, type: 'PLATE_RECOGNITION' })).data.event
          .matchState;
      await until(async () => (await state()) === 'FAILED', 30_000, 'matching to give up', 100);
      expect(await failing.stored()).toEqual({ events: 1, ids: 1 });
    } finally {
      await failing.stop();
    }
  });

  async function attempts(id: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select match_attempts as n from media.events where id = ${id}`.execute(
      media.database.db,
    );
    return Number(rows[0]?.n ?? 0);
  }
});

describe('who sees which event', () => {
  const reported: Record<'a1' | 'a2' | 'b1', string> = { a1: '', a2: '', b1: '' };
  const from = new Date(Date.now() - 3_600_000);
  const to = new Date(Date.now() + 60_000);

  beforeAll(async () => {
    for (const key of ['a1', 'a2', 'b1'] as const) {
      const report = reportOf(cam[key], 'plate_recognition', { plate: 'VIS 777', ts: Date.now() - 30 * 60_000 });
      expect((await media.post(report)).status).toBe(201);
      reported[key] = report.eventId;
    }
  });

  const listed = async (token: string) => {
    const answer = await media.graphql(token, EVENTS, {
      filter: { from: from.toISOString(), to: to.toISOString(), eventTypes: ['PLATE_RECOGNITION'] },
    });
    expect(answer.errors).toBeUndefined();
    const ids = answer.data.events.nodes.map((n: { id: string }) => n.id);
    return Object.entries(reported)
      .filter(([, id]) => ids.includes(id))
      .map(([key]) => key);
  };

  const searched = async (token: string) => {
    const answer = await media.graphql(token, '{ searchPlateEvents(plate: "vis777") { id } }');
    expect(answer.errors).toBeUndefined();
    const ids = answer.data.searchPlateEvents.map((n: { id: string }) => n.id);
    return Object.entries(reported)
      .filter(([, id]) => ids.includes(id))
      .map(([key]) => key);
  };

  it('each organization its own, a group member its group places, the superuser all', async () => {
    expect(await listed(adminA.token)).toEqual(['a1', 'a2']);
    expect(await listed(adminB.token)).toEqual(['b1']);
    expect(await listed(memberA.token)).toEqual(['a1']);
    expect(await listed(stack.adminToken)).toEqual(['a1', 'a2', 'b1']);
    expect(await searched(adminA.token)).toEqual(['a1', 'a2']);
    expect(await searched(adminB.token)).toEqual(['b1']);
    expect(await searched(memberA.token)).toEqual(['a1']);
  });

  it('another organization or place outside the group: not found', async () => {
    expect(await eventOf(adminA.token, reported.b1, 'PLATE_RECOGNITION')).toBeNull();
    expect(await eventOf(adminB.token, reported.a1, 'PLATE_RECOGNITION')).toBeNull();
    expect(await eventOf(memberA.token, reported.a2, 'PLATE_RECOGNITION')).toBeNull();
    expect((await eventOf(memberA.token, reported.a1, 'PLATE_RECOGNITION')).cameraId).toBe(cam.a1);
    expect((await eventOf(adminA.token, reported.a1, 'MOTION_DETECTION')) ?? null).toBeNull();
  });

  it('an event is filed under its camera organization whatever the engine says', async () => {
    expect((await eventOf(adminB.token, reported.b1, 'PLATE_RECOGNITION')).organizationId).toBe(adminB.organization_id);
  });

  it('a face event descriptor is searchable by its organization only', async () => {
    const vector = randomUnit(seeded(99));
    const report = reportOf(cam.b1, 'face_recognition', { descriptor: vector });
    expect((await media.post(report)).status).toBe(201);
    const search = `query($d: FaceDescriptorInput!) { searchFaceEvents(descriptor: $d, threshold: 0.9) { similarity event { id } } }`;
    const variables = { d: { data: descriptorData(vector), norm: 1, version: 1 } };
    const ofB = await media.graphql(adminB.token, search, variables);
    expect(ofB.errors).toBeUndefined();
    expect(ofB.data.searchFaceEvents.map((h: any) => h.event.id)).toEqual([report.eventId]);
    expect(ofB.data.searchFaceEvents[0].similarity).toBeCloseTo(1, 5);
    const ofA = await media.graphql(adminA.token, search, variables);
    expect(ofA.data.searchFaceEvents).toEqual([]);
  });
});
