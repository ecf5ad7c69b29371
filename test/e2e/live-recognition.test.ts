import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceVideo, movingBoxVideo } from '@argus/media-engine/test-support';
import { expectSpec, TestStack, type TestUser } from '../support/stack.js';
import { freePort, until } from '../support/waiting.js';
import { createPlace } from './topology-fixtures.js';
import { uploadFacePhoto } from './watchlists-face-fixtures.js';

/**
 * The whole recognition chain: a camera on a GStreamer RTSP server playing a video made from the
 * fixtures, the stack's media engine analysing it, the media part storing and matching its events
 * against a face list, and what users see of them over REST and a graphql-ws subscription through
 * the router.
 */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'live-recognition-e2e-internal-key-0123456789',
  ARGUS_TOKEN_SIGNING_KEY: 'live-recognition-e2e-signing-key-0123456789',
};
/** the face video: 12 s, the face shown from 1 s to 8 s (each RTSP client gets it from its start) */
const FACE_CLIP_S = 12;
/** the box video: 10 s, the box crossing the frame from 2 s to 5 s */
const BOX_CLIP_S = 10;

type Member = TestUser & { token: string };
interface LiveEvent {
  id: string;
  eventType: string;
  cameraId: string;
  organizationId: number;
  objectId: string;
  eventAction: string;
  matched: boolean;
  hasSnapshot: boolean;
  matches: { faceId: number; faceListId: number; faceListName: string; similarity: number; priority: string }[];
}
interface Subscriber {
  readonly events: LiveEvent[];
  readonly errors: unknown[];
}

const SUBSCRIPTION = `subscription($filter: EventMatchSubscriptionFilter) {
  eventMatched(filter: $filter) {
    id eventType cameraId organizationId objectId eventAction matched hasSnapshot
    ... on FaceRecognitionEvent { matches { faceId faceListId faceListName similarity priority } }
  }
}`;

let stack: TestStack;
let root: string;
const servers: RtspTestServer[] = [];
let adminA: Member;
let viewerA: Member;
let adminB: Member;
let face: Record<string, any>;
let faceList: Record<string, any>;
let faceCamera: Record<string, any>;
let boxCamera: Record<string, any>;
let startedMs: number;
let subscriberA: Subscriber;
let subscriberB: Subscriber;

function subscribe(token: string): Subscriber {
  const received: Subscriber = { events: [], errors: [] };
  stack.ws(token).subscribe<{ eventMatched: LiveEvent }>(
    { query: SUBSCRIPTION, variables: { filter: { eventTypes: ['FACE_RECOGNITION'] } } },
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

async function camera(placeId: number, url: string, videoAnalytics: Record<string, unknown>) {
  const res = await stack.rest('POST', '/cameras', {
    token: adminA.token,
    json: {
      name: stack.unique('Cam '),
      place_id: placeId,
      source: { url, transport: 'tcp' },
      video_analytics: videoAnalytics,
    },
  });
  expectSpec(res, 200);
  return res.body;
}

/** Every event of a camera over REST 3.2, from the test's start on. */
async function eventsOf(cameraId: string, eventType: string): Promise<Record<string, any>[]> {
  const res = await stack.rest('GET', '/events', {
    token: viewerA.token,
    query: {
      event_type: eventType,
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
const playsSinceStart = (clipS: number) => Math.ceil((Date.now() - startedMs) / (clipS * 1000)) + 1;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-live-recognition-'));
  const enginePort = await freePort();
  const [faceClip, boxClip] = await Promise.all([
    faceVideo(path.join(root, 'face.mp4'), {
      photo: 'Cascade_Classifier_Tutorial_Result_LBP.jpg',
      seconds: FACE_CLIP_S,
      appearances: [[1, 8]],
      size: '640x480',
      height: 480,
      fps: 5,
    }),
    movingBoxVideo(path.join(root, 'box.mp4'), { seconds: BOX_CLIP_S, from: 2, to: 5 }),
  ]);
  const [started, faceServer, boxServer] = await Promise.all([
    TestStack.start({
      faceAnalysis: true,
      mediaEngine: true,
      env: {
        ...KEYS,
        STREAMSERVER_ID: 'live-recognition-e2e',
        STREAMSERVER_HOST: `127.0.0.1:${enginePort}`,
        MEDIA_ENGINE_PORT: String(enginePort),
        STREAMSERVER_HEARTBEAT_MS: '500',
        STREAMSERVER_TTL_MS: '4000',
        LOG_LEVEL: 'error',
      },
    }),
    startRtspTestServer({ file: faceClip }),
    startRtspTestServer({ file: boxClip }),
  ]);
  stack = started;
  servers.push(faceServer, boxServer);
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  [adminA, viewerA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgA.id, 'viewer'),
    stack.member(orgB.id, 'administrator'),
  ]);

  // the face list: one person, enrolled from one photo of her
  const [photo] = await uploadFacePhoto(stack, adminA.token, 'Cascade_Classifier_Tutorial_Result_Haar.jpg');
  face = (await stack.rest('POST', '/faces', { token: adminA.token, json: { full_name: 'Wanted Woman' } })).body;
  expectSpec(
    await stack.rest('POST', `/faces/${face.id}/images`, { token: adminA.token, json: { image_ids: [photo!.id] } }),
    200,
  );
  const list = await stack.rest('POST', '/facelists', {
    token: adminA.token,
    json: { name: stack.unique('Wanted '), priority: 'high' },
  });
  expectSpec(list, 200);
  faceList = list.body;
  expectSpec(await stack.rest('POST', `/facelists/${faceList.id}/faces/${face.id}`, { token: adminA.token }), 200);

  // both organizations listen before any camera exists
  subscriberA = subscribe(viewerA.token);
  subscriberB = subscribe(adminB.token);

  startedMs = Date.now();
  const place = await createPlace(stack, adminA.token);
  faceCamera = await camera(place.id, faceServer.url, {
    fps: 2,
    face: { enabled: true, min_confidence: 0.6, min_size_px: 40 },
  });
  boxCamera = await camera(place.id, boxServer.url, {
    fps: 2,
    motion: {
      enabled: true,
      regions: [
        {
          name: 'path',
          polygon: [
            { x: 0, y: 0.3 },
            { x: 1, y: 0.3 },
            { x: 1, y: 0.7 },
            { x: 0, y: 0.7 },
          ],
        },
        {
          name: 'elsewhere',
          polygon: [
            { x: 0, y: 0.8 },
            { x: 1, y: 0.8 },
            { x: 1, y: 1 },
            { x: 0, y: 1 },
          ],
        },
      ],
    },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a wanted face on a live camera', () => {
  let matched: LiveEvent;

  it('reaches the organization’s subscriber through the router as a match naming the face list', async () => {
    matched = await until(
      () => {
        if (subscriberA.errors.length > 0)
          throw new Error(`subscription failed: ${JSON.stringify(subscriberA.errors)}`);
        return subscriberA.events.find((e) => e.cameraId === faceCamera.id);
      },
      60_000,
      'a matched face event on the subscription',
      200,
    );
    expect(matched).toMatchObject({
      eventType: 'FACE_RECOGNITION',
      organizationId: adminA.organization_id,
      matched: true,
    });
    expect(matched.matches).toEqual([
      {
        faceId: face.id,
        faceListId: faceList.id,
        faceListName: faceList.name,
        similarity: expect.any(Number),
        priority: 'HIGH',
      },
    ]);
    expect(matched.matches[0]!.similarity).toBeGreaterThan(0.5);
    expect(subscriberA.events.every((e) => e.cameraId === faceCamera.id)).toBe(true);
  }, 90_000);

  it('is an event match over REST (3.4) with match_data, and its snapshot is a JPEG (19.1)', async () => {
    const res = await stack.rest('GET', `/eventmatches/${matched.id}`, {
      token: viewerA.token,
      query: { event_type: 'face_recognition' },
    });
    expectSpec(res, 200);
    expect(res.body).toMatchObject({
      event_id: matched.id,
      event_type: 'face_recognition',
      stream_id: faceCamera.id,
      streamserver_id: 'live-recognition-e2e',
      object_id: matched.objectId,
    });
    expect(res.body.match_data).toEqual([
      expect.objectContaining({ face_id: face.id, facelist_id: faceList.id, facelist_name: faceList.name }),
    ]);
    expect(Buffer.from(res.body.event_data.descriptor.data, 'base64')).toHaveLength(512 * 4);

    const jpeg = await until(
      async () => {
        const snapshot = await fetch(`${stack.restUrl}/api/v1/snapshots/${matched.id}?event_type=face_recognition`, {
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
      query: { event_type: 'face_recognition' },
    });
    expectSpec(outsider, 404);
  });

  it('is one object per appearance with a few events each, every appearance matched, nothing for the other organization', async () => {
    // the clip plays again when the engine reconnects at its end: a second object means the first appearance is over
    const events = await until(
      async () => {
        const found = await eventsOf(faceCamera.id, 'face_recognition');
        return new Set(found.map((e) => e.object_id)).size >= 2 ? found : undefined;
      },
      60_000,
      'the face of the second play of the clip',
      500,
    );
    expect(events.map((e) => e.event_id)).toContain(matched.id);
    const objects = new Map<string, Record<string, any>[]>();
    for (const event of events) objects.set(event.object_id, [...(objects.get(event.object_id) ?? []), event]);
    expect(objects.size).toBeLessThanOrEqual(playsSinceStart(FACE_CLIP_S));
    expect(objects.get(matched.objectId)!.length).toBeLessThanOrEqual(3);
    for (const ofObject of objects.values()) {
      expect(ofObject.length).toBeLessThanOrEqual(3);
      expect(ofObject.filter((e) => e.event_action === 'appeared')).toHaveLength(1);
    }
    const [, second] = [...objects.keys()];
    await until(
      () => subscriberA.events.some((e) => e.objectId === second),
      20_000,
      'the second appearance on the subscription',
      200,
    );
    expect(subscriberA.events.every((e) => e.cameraId === faceCamera.id && e.matches.length === 1)).toBe(true);
    expect(subscriberB.events).toEqual([]);
    expect(subscriberB.errors).toEqual([]);
  }, 120_000);
});

describe('motion in a region of a live camera', () => {
  it('is reported as motion_detection events of the region the box crosses, none elsewhere', async () => {
    const events = await until(
      async () => {
        const found = await eventsOf(boxCamera.id, 'motion_detection');
        return found.length > 0 ? found : undefined;
      },
      60_000,
      'a motion event over REST',
      500,
    );
    for (const event of events) {
      expect(event.stream_id).toBe(boxCamera.id);
      expect(event.event_data.motion.roi_name).toBe('path');
      expect(event.event_data.motion.area_fr).toBeGreaterThan(0);
    }
    expect(new Set(events.map((e) => e.object_id)).size).toBeLessThanOrEqual(playsSinceStart(BOX_CLIP_S));
  }, 90_000);
});
