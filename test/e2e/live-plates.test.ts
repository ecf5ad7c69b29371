import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movingPlateVideo } from '@argus/media-engine/test-support';
import { expectSpec, TestStack, type TestUser } from '../support/stack.js';
import { freePort, until } from '../support/waiting.js';
import { createPlace } from './topology-fixtures.js';
import { createPlate, createPlateList } from './watchlists-plate-fixtures.js';

/**
 * Plates from a live camera to an analyst: a GStreamer RTSP server playing a video made from the
 * plate fixtures, the stack's media engine reading the plates, the media part matching them
 * against the organization's plate lists, and what users see of them over REST and a graphql-ws
 * subscription through the router.
 */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'live-plates-e2e-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'live-plates-e2e-signing-key-0123456789abcdef',
};
/** the clips: 12 s, the plate driving across from 1 s to 6 s (each RTSP client gets a clip from its start) */
const CLIP_S = 12;

type Member = TestUser & { token: string };
interface LivePlateEvent {
  id: string;
  eventType: string;
  cameraId: string;
  organizationId: number;
  objectId: string;
  eventAction: string;
  matched: boolean;
  eventData: { plateNumber: { data: string } };
  matches: {
    plateId: number;
    plateNumber: string | null;
    plateListId: number;
    plateListName: string;
    similarity: number | null;
    priority: string | null;
  }[];
}
interface Subscriber {
  readonly events: LivePlateEvent[];
  readonly errors: unknown[];
}

const SUBSCRIPTION = `subscription($filter: EventMatchSubscriptionFilter) {
  eventMatched(filter: $filter) {
    id eventType cameraId organizationId objectId eventAction matched
    ... on PlateRecognitionEvent {
      eventData { plateNumber { data } }
      matches { plateId plateNumber plateListId plateListName similarity priority }
    }
  }
}`;

let stack: TestStack;
let root: string;
const servers: RtspTestServer[] = [];
let adminA: Member;
let viewerA: Member;
let adminB: Member;
let plate: Record<string, any>;
let plateList: Record<string, any>;
let listedCamera: Record<string, any>;
let strangerCamera: Record<string, any>;
let startedMs: number;
let subscriberA: Subscriber;
let subscriberB: Subscriber;

function subscribe(token: string): Subscriber {
  const received: Subscriber = { events: [], errors: [] };
  stack.ws(token).subscribe<{ eventMatched: LivePlateEvent }>(
    { query: SUBSCRIPTION, variables: { filter: { eventTypes: ['PLATE_RECOGNITION'] } } },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...result.errors);
        if (result.data?.eventMatched) received.events.push(result.data.eventMatched);
      },
      error: (error) => received.errors.push(error),
      complete: () => undefined,
    },
  );
  return received;
}

async function camera(placeId: number, url: string): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/cameras', {
    token: adminA.token,
    json: {
      name: stack.unique('Gate '),
      place_id: placeId,
      source: { url, transport: 'tcp' },
      video_analytics: { fps: 2, plate: { enabled: true, min_confidence: 0.5, min_size_px: 60 } },
    },
  });
  expectSpec(res, 200);
  return res.body;
}

/** Every plate event of a camera over REST 3.2, from the test's start on. */
async function plateEventsOf(cameraId: string): Promise<Record<string, any>[]> {
  const res = await stack.rest('GET', '/events', {
    token: viewerA.token,
    query: {
      event_type: 'plate_recognition',
      stream_id: cameraId,
      ts_from: new Date(startedMs - 60_000).toISOString(),
      ts_to: new Date(Date.now() + 60_000).toISOString(),
      limit: 100,
    },
  });
  expectSpec(res, 200);
  return res.body.events;
}

/** The most times a clip can have played since the test started (each RTSP client plays it once from its start). */
const playsSinceStart = () => Math.ceil((Date.now() - startedMs) / (CLIP_S * 1000)) + 1;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-live-plates-'));
  const enginePort = await freePort();
  const clip = (number: string) =>
    movingPlateVideo(path.join(root, `${number}.mp4`), { number, seconds: CLIP_S, appearances: [[1, 6]] });
  const [listedClip, strangerClip] = await Promise.all([clip('AB123CD'), clip('GH2024')]);
  const [started, listedServer, strangerServer] = await Promise.all([
    TestStack.start({
      mediaEngine: true,
      env: {
        ...KEYS,
        STREAMSERVER_ID: 'live-plates-e2e',
        STREAMSERVER_HOST: `127.0.0.1:${enginePort}`,
        MEDIA_ENGINE_PORT: String(enginePort),
        STREAMSERVER_HEARTBEAT_MS: '500',
        STREAMSERVER_TTL_MS: '4000',
        LOG_LEVEL: 'error',
      },
    }),
    startRtspTestServer({ file: listedClip }),
    startRtspTestServer({ file: strangerClip }),
  ]);
  stack = started;
  servers.push(listedServer, strangerServer);
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  [adminA, viewerA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgA.id, 'viewer'),
    stack.member(orgB.id, 'administrator'),
  ]);

  // the plate list: one plate, entered the way people write it
  plate = await createPlate(stack, adminA.token, { number: 'ab-123 cd' });
  plateList = await createPlateList(stack, adminA.token, { priority: 'high' });
  expectSpec(await stack.rest('POST', `/platelists/${plateList.id}/plates/${plate.id}`, { token: adminA.token }), 200);
  // another organization lists the same number: its list must never match A's cameras
  const plateB = await createPlate(stack, adminB.token, { number: 'AB123CD' });
  const listB = await createPlateList(stack, adminB.token);
  expectSpec(await stack.rest('POST', `/platelists/${listB.id}/plates/${plateB.id}`, { token: adminB.token }), 200);

  subscriberA = subscribe(viewerA.token);
  subscriberB = subscribe(adminB.token);

  startedMs = Date.now();
  const place = await createPlace(stack, adminA.token);
  listedCamera = await camera(place.id, listedServer.url);
  strangerCamera = await camera(place.id, strangerServer.url);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a listed plate on a live camera', () => {
  let matched: LivePlateEvent;

  it('reaches the organization’s subscriber through the router as a match naming the plate list', async () => {
    matched = await until(
      () => {
        if (subscriberA.errors.length > 0)
          throw new Error(`subscription failed: ${JSON.stringify(subscriberA.errors)}`);
        return subscriberA.events.find((e) => e.cameraId === listedCamera.id);
      },
      60_000,
      'a matched plate event on the subscription',
      200,
    );
    expect(matched).toMatchObject({
      eventType: 'PLATE_RECOGNITION',
      organizationId: adminA.organization_id,
      eventAction: 'appeared',
      matched: true,
      eventData: { plateNumber: { data: 'AB123CD' } },
    });
    expect(matched.matches).toEqual([
      {
        plateId: plate.id,
        plateNumber: expect.any(String),
        plateListId: plateList.id,
        plateListName: plateList.name,
        similarity: 1,
        priority: 'HIGH',
      },
    ]);
  }, 90_000);

  it('is an event match over REST (3.4) with match_data, and its snapshot is a JPEG (19.1)', async () => {
    const res = await stack.rest('GET', `/eventmatches/${matched.id}`, {
      token: viewerA.token,
      query: { event_type: 'plate_recognition' },
    });
    expectSpec(res, 200);
    expect(res.body).toMatchObject({
      event_id: matched.id,
      event_type: 'plate_recognition',
      event_action: 'appeared',
      stream_id: listedCamera.id,
      streamserver_id: 'live-plates-e2e',
      object_id: matched.objectId,
      event_data: { plate_number: { data: 'AB123CD' } },
    });
    expect(res.body.event_data.detection.bbox).toHaveLength(4);
    expect(res.body.match_data).toEqual([
      expect.objectContaining({ plate_id: plate.id, platelist_id: plateList.id, platelist_name: plateList.name }),
    ]);

    const jpeg = await until(
      async () => {
        const snapshot = await fetch(`${stack.restUrl}/api/v1/snapshots/${matched.id}?event_type=plate_recognition`, {
          headers: { authorization: `Bearer ${viewerA.token}` },
        });
        if (snapshot.status === 503) return undefined;
        expect(snapshot.status).toBe(200);
        expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
        return Buffer.from(await snapshot.arrayBuffer());
      },
      20_000,
      'the snapshot',
      250,
    );
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    const outsider = await stack.rest('GET', `/eventmatches/${matched.id}`, {
      token: adminB.token,
      query: { event_type: 'plate_recognition' },
    });
    expectSpec(outsider, 404);
  });

  it('is one event per pass of the plate, each matched, nothing for the other organization', async () => {
    // the clip plays again when the engine reconnects at its end: a second object means the first pass is over
    const events = await until(
      async () => {
        const found = await plateEventsOf(listedCamera.id);
        return new Set(found.map((e) => e.object_id)).size >= 2 ? found : undefined;
      },
      60_000,
      'the plate of the second play of the clip',
      500,
    );
    expect(events.map((e) => e.event_id)).toContain(matched.id);
    const objects = new Map<string, Record<string, any>[]>();
    for (const event of events) objects.set(event.object_id, [...(objects.get(event.object_id) ?? []), event]);
    expect(objects.size).toBeLessThanOrEqual(playsSinceStart());
    for (const ofObject of objects.values()) {
      expect(ofObject.map((e) => [e.event_action, e.event_data.plate_number.data])).toEqual([['appeared', 'AB123CD']]);
    }
    const [, second] = [...objects.keys()];
    await until(
      () => subscriberA.events.some((e) => e.objectId === second),
      20_000,
      'the second pass on the subscription',
      200,
    );
    expect(subscriberA.events.every((e) => e.cameraId === listedCamera.id && e.matches.length === 1)).toBe(true);
    expect(subscriberB.events).toEqual([]);
    expect(subscriberB.errors).toEqual([]);
  }, 120_000);
});

describe('a plate on no list', () => {
  it('is an event (3.2) with its number and no match: not an event match (3.4), never on eventMatched', async () => {
    const events = await until(
      async () => {
        const found = await plateEventsOf(strangerCamera.id);
        return found.length > 0 ? found : undefined;
      },
      60_000,
      'the unlisted plate over REST',
      500,
    );
    for (const event of events) {
      expect(event).toMatchObject({
        event_type: 'plate_recognition',
        stream_id: strangerCamera.id,
        event_data: { plate_number: { data: 'GH2024' } },
      });
      expect(event.match_data ?? null).toBeNull();
      const match = await stack.rest('GET', `/eventmatches/${event.event_id}`, {
        token: viewerA.token,
        query: { event_type: 'plate_recognition' },
      });
      expectSpec(match, 404);
    }
    expect(subscriberA.events.some((e) => e.cameraId === strangerCamera.id)).toBe(false);
  }, 90_000);
});
