import { describe, expect, it } from 'vitest';
import {
  paginationCursorHeader,
  toRestEvent,
  toRestEventMatch,
  toRestEventPage,
  type GraphqlFaceEvent,
  type GraphqlPlateEvent,
} from './event.js';
import { normalisedPlate, toRestFaceSearch, toRestPlateSearch } from './event-search.js';
import { toRestEventMatchesByPriority, toRestEventsByType, toRestEventsIntensity } from './event-stats.js';

const base = {
  id: 'e1',
  streamServerId: 'ss-1',
  cameraId: 'c1',
  objectId: 'o1',
  eventAction: 'appeared',
  ts: 1_700_000_000_123,
};
const detection = { bbox: [1, 2, 3, 4] };
const face = {
  ...base,
  eventType: 'FACE_RECOGNITION',
  faceData: { detection, descriptor: { data: 'AAAA', norm: 3.5 }, attributes: { age: 30 } },
  faceMatches: [
    { faceId: 7, faceName: null, faceListId: 2, faceListName: 'Wanted', similarity: 0.91, priority: 'HIGH' },
  ],
} satisfies GraphqlFaceEvent;
const camera = {
  id: 'c1',
  name: 'Door',
  place: { id: 3, name: 'Lobby', description: null, latitude: 1.5, longitude: null },
  plan: null,
};
const plate = (id: string, number: string, ts: number): GraphqlPlateEvent => ({
  ...base,
  id,
  ts,
  eventType: 'PLATE_RECOGNITION',
  plateData: { plateNumber: { data: number }, detection },
  plateMatches: [],
});

describe('REST events', () => {
  it('map each type to the spec option its event_type picks', () => {
    expect(toRestEvent(face)).toEqual({
      origin: null,
      streamserver_id: 'ss-1',
      stream_id: 'c1',
      object_id: 'o1',
      event_id: 'e1',
      event_action: 'appeared',
      ts: 1_700_000_000_123,
      event_data: {
        detection: { bbox: [1, 2, 3, 4] },
        descriptor: { data: 'AAAA', norm: 3.5 },
        attributes: { age: 30 },
      },
      event_type: 'face_recognition',
    });
    expect(
      toRestEvent({
        ...base,
        eventType: 'MOTION_DETECTION',
        motionData: { motion: { roiBbox: [0, 0, 9, 9], roiName: 'yard', areaFr: 0.5 }, detection, attributes: null },
      }).event_data,
    ).toEqual({ motion: { roi_bbox: [0, 0, 9, 9], roi_name: 'yard', area_fr: 0.5 }, detection, attributes: null });
    expect(
      toRestEvent({
        ...base,
        eventType: 'LINE_CROSSING',
        lineData: {
          lineCrossing: { lineCoords: [0, 1, 2, 3], direction: 2, lineName: 'gate' },
          detection,
          attributes: { objClass: 1 },
        },
      }).event_data,
    ).toEqual({
      line_crossing: { line_coords: [0, 1, 2, 3], direction: 2, line_name: 'gate' },
      detection,
      attributes: { obj_class: 1 },
    });
  });

  it('fill origin from the camera, its place and plan', () => {
    const event = toRestEvent({ ...face, camera });
    expect(event.origin).toEqual({
      plan_id: null,
      plan_name: null,
      place_id: 3,
      place_name: 'Lobby',
      place_description: null,
      place_latitude: 1.5,
      place_longitude: null,
      camera_id: 'c1',
      camera_name: 'Door',
    });
  });

  it('add match_data to event matches, priorities in lower case', () => {
    expect(toRestEventMatch(face).match_data).toEqual([
      { face_id: 7, facelist_id: 2, similarity: 0.91, face_name: null, facelist_name: 'Wanted', priority: 'high' },
    ]);
    expect(toRestEventMatch(plate('p', 'AB1', 1)).match_data).toEqual([]);
  });

  it('carry the next cursor in the body and the Pagination-Cursor header, neither on the last page', () => {
    const more = { nodes: [face], pageInfo: { endCursor: 'abc', hasNextPage: true } };
    expect(toRestEventPage(more, toRestEvent)).toMatchObject({ pagination: { cursor: 'abc' } });
    expect(paginationCursorHeader(more)).toEqual({ 'pagination-cursor': 'abc' });
    const last = { nodes: [face], pageInfo: { endCursor: 'abc', hasNextPage: false } };
    expect(toRestEventPage(last, toRestEvent)).toMatchObject({ pagination: { cursor: null } });
    expect(paginationCursorHeader(last)).toBeUndefined();
  });
});

describe('REST search', () => {
  it('gives face hits their similarity', () => {
    expect(toRestFaceSearch([{ similarity: 0.8, event: { ...face, camera } }]).events[0]).toMatchObject({
      event_id: 'e1',
      similarity: 0.8,
    });
  });

  it('ranks plate events by the share of the read number searched, newest first among equals', () => {
    const events = [plate('old', 'AB123CD', 1), plate('part', 'XAB123CDY', 5), plate('new', 'AB123CD', 9)];
    const ranked = toRestPlateSearch(events, 'ab 123-cd').events;
    expect(ranked.map((e) => [e.event_id, e.similarity])).toEqual([
      ['new', 1],
      ['old', 1],
      ['part', 7 / 9],
    ]);
    expect(normalisedPlate(' a-b 1 ')).toBe('AB1');
  });
});

describe('REST event stats', () => {
  it('name the period and the counts as the x-notes of 20.2–20.4 say', () => {
    const start = '2024-05-01T10:00:00.000Z';
    expect(
      toRestEventsByType({
        bucket: 'HOUR',
        buckets: [{ start, faceRecognition: 1, plateRecognition: 2, motionDetection: 3, lineCrossing: 4 }],
      }),
    ).toEqual({
      period: 'hour',
      entries: [{ ts: start, face_recognition: 1, plate_recognition: 2, motion_detection: 3, line_crossing: 4 }],
    });
    expect(
      toRestEventMatchesByPriority({ bucket: 'DAY', buckets: [{ start, low: 1, medium: 0, high: 2, none: 0 }] }),
    ).toEqual({ period: 'day', entries: [{ ts: start, low: 1, medium: 0, high: 2, none: 0 }] });
    expect(
      toRestEventsIntensity({
        meta: { eventTypes: { fr: 'face_recognition' } },
        entries: [{ ts: start, fr: 1, pr: 0, md: 0, lc: 0 }],
      }),
    ).toEqual({
      meta: { event_types: { fr: 'face_recognition' } },
      entries: [{ ts: start, fr: 1, pr: 0, md: 0, lc: 0 }],
    });
  });
});
