import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceVideo, movingBoxVideo } from '@argus/media-engine/test-support';
import {
  byObject,
  createLiveCamera,
  cameraEventsSince,
  firstMatch,
  playsSince,
  snapshotOf,
  startLiveCameras,
  subscribeMatches,
  type LiveCameras,
  type Member,
  type Subscriber,
} from '../support/live-camera.js';
import { expectSpec, type TestStack } from '../support/stack.js';
import { until } from '../support/waiting.js';
import { createPlace } from './topology-fixtures.js';
import { uploadFacePhoto } from './watchlists-face-fixtures.js';

/**
 * The whole recognition chain: a camera on a GStreamer RTSP server playing a video made from the
 * fixtures, the stack's media engine analysing it, the media part storing and matching its events
 * against a face list, and what users see of them over REST and a graphql-ws subscription through
 * the router.
 */

/** the face video: 12 s, the face shown from 1 s to 8 s (each RTSP client gets it from its start) */
const FACE_CLIP_S = 12;
/** the box video: 10 s, the box crossing the frame from 2 s to 5 s */
const BOX_CLIP_S = 10;

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
const SUBSCRIPTION = `subscription($filter: EventMatchSubscriptionFilter) {
  eventMatched(filter: $filter) {
    id eventType cameraId organizationId objectId eventAction matched hasSnapshot
    ... on FaceRecognitionEvent { matches { faceId faceListId faceListName similarity priority } }
  }
}`;

let live: LiveCameras;
let stack: TestStack;
let adminA: Member;
let viewerA: Member;
let adminB: Member;
let face: Record<string, any>;
let faceList: Record<string, any>;
let faceCamera: Record<string, any>;
let boxCamera: Record<string, any>;
let startedMs: number;
let subscriberA: Subscriber<LiveEvent>;
let subscriberB: Subscriber<LiveEvent>;

const subscribe = (token: string) => subscribeMatches<LiveEvent>(stack, token, SUBSCRIPTION, ['FACE_RECOGNITION']);

const camera = (placeId: number, url: string, videoAnalytics: Record<string, unknown>) =>
  createLiveCamera(stack, adminA.token, { placeId, url, videoAnalytics });

/** Every event of a camera over REST 3.2, from the test's start on. */
const eventsOf = (cameraId: string, eventType: string) =>
  cameraEventsSince(stack, viewerA.token, { cameraId, eventType, sinceMs: startedMs });

beforeAll(async () => {
  live = await startLiveCameras({
    streamServerId: 'live-recognition-e2e',
    faceAnalysis: true,
    videos: (dir) =>
      Promise.all([
        faceVideo(path.join(dir, 'face.mp4'), {
          photo: 'Cascade_Classifier_Tutorial_Result_LBP.jpg',
          seconds: FACE_CLIP_S,
          appearances: [[1, 8]],
          size: '640x480',
          height: 480,
          fps: 5,
        }),
        movingBoxVideo(path.join(dir, 'box.mp4'), { seconds: BOX_CLIP_S, from: 2, to: 5 }),
      ]),
  });
  ({ stack, adminA, viewerA, adminB } = live);
  const [faceUrl, boxUrl] = live.urls;

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
  faceCamera = await camera(place.id, faceUrl!, {
    fps: 2,
    face: { enabled: true, min_confidence: 0.6, min_size_px: 40 },
  });
  boxCamera = await camera(place.id, boxUrl!, {
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
  await live?.stop();
});

describe('a wanted face on a live camera', () => {
  let matched: LiveEvent;

  it('reaches the organization’s subscriber through the router as a match naming the face list', async () => {
    matched = await firstMatch(
      subscriberA,
      (e) => e.cameraId === faceCamera.id,
      'a matched face event on the subscription',
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

    const jpeg = await snapshotOf(stack, viewerA.token, matched.id, 'face_recognition');
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
    const objects = byObject(events);
    expect(objects.size).toBeLessThanOrEqual(playsSince(startedMs, FACE_CLIP_S));
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
    expect(new Set(events.map((e) => e.object_id)).size).toBeLessThanOrEqual(playsSince(startedMs, BOX_CLIP_S));
  }, 90_000);
});
