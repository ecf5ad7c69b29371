import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movingPlateVideo } from '@argus/media-engine/test-support';
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
import { createPlate, createPlateList } from './watchlists-plate-fixtures.js';

/**
 * Plates from a live camera to an analyst: a GStreamer RTSP server playing a video made from the
 * plate fixtures, the stack's media engine reading the plates, the media part matching them
 * against the organization's plate lists, and what users see of them over REST and a graphql-ws
 * subscription through the router.
 */

/** the clips: 12 s, the plate driving across from 1 s to 6 s (each RTSP client gets a clip from its start) */
const CLIP_S = 12;

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
const SUBSCRIPTION = `subscription($filter: EventMatchSubscriptionFilter) {
  eventMatched(filter: $filter) {
    id eventType cameraId organizationId objectId eventAction matched
    ... on PlateRecognitionEvent {
      eventData { plateNumber { data } }
      matches { plateId plateNumber plateListId plateListName similarity priority }
    }
  }
}`;

let live: LiveCameras;
let stack: TestStack;
let adminA: Member;
let viewerA: Member;
let adminB: Member;
let plate: Record<string, any>;
let plateList: Record<string, any>;
let listedCamera: Record<string, any>;
let strangerCamera: Record<string, any>;
let startedMs: number;
let subscriberA: Subscriber<LivePlateEvent>;
let subscriberB: Subscriber<LivePlateEvent>;

const subscribe = (token: string) =>
  subscribeMatches<LivePlateEvent>(stack, token, SUBSCRIPTION, ['PLATE_RECOGNITION']);

const camera = (placeId: number, url: string) =>
  createLiveCamera(stack, adminA.token, {
    placeId,
    url,
    videoAnalytics: { fps: 2, plate: { enabled: true, min_confidence: 0.5, min_size_px: 60 } },
  });

/** Every plate event of a camera over REST 3.2, from the test's start on. */
const plateEventsOf = (cameraId: string) =>
  cameraEventsSince(stack, viewerA.token, { cameraId, eventType: 'plate_recognition', sinceMs: startedMs });

beforeAll(async () => {
  live = await startLiveCameras({
    streamServerId: 'live-plates-e2e',
    videos: (dir) => {
      const clip = (number: string) =>
        movingPlateVideo(path.join(dir, `${number}.mp4`), { number, seconds: CLIP_S, appearances: [[1, 6]] });
      return Promise.all([clip('AB123CD'), clip('GH2024')]);
    },
  });
  ({ stack, adminA, viewerA, adminB } = live);
  const [listedUrl, strangerUrl] = live.urls;

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
  listedCamera = await camera(place.id, listedUrl!);
  strangerCamera = await camera(place.id, strangerUrl!);
}, 180_000);

afterAll(async () => {
  await live?.stop();
});

describe('a listed plate on a live camera', () => {
  let matched: LivePlateEvent;

  it('reaches the organization’s subscriber through the router as a match naming the plate list', async () => {
    matched = await firstMatch(
      subscriberA,
      (e) => e.cameraId === listedCamera.id,
      'a matched plate event on the subscription',
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

    const jpeg = await snapshotOf(stack, viewerA.token, matched.id, 'plate_recognition');
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
    const objects = byObject(events);
    expect(objects.size).toBeLessThanOrEqual(playsSince(startedMs, CLIP_S));
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
