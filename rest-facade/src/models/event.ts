import type {
  RecognitionEventType,
  RestEventCommonFragment,
  RestEventOriginFragment,
  RestFaceEventDataFragment,
  RestFaceEventMatchesFragment,
  RestLineCrossingEventDataFragment,
  RestMotionEventDataFragment,
  RestPlateEventDataFragment,
  RestPlateEventMatchesFragment,
} from '../graphql/generated/operations.js';
import {
  toRestFaceEventData,
  toRestLineCrossingEventData,
  toRestMotionEventData,
  toRestPlateEventData,
} from './event-data.js';
import { toRestFaceMatch, toRestPlateMatch } from './event-match.js';
import { toRestPage, type Connection } from './pagination.js';
import type { RestSchema } from './rest.js';

/** The event's camera with its place and plan (RestEventOrigin, with_origin). */
export type GraphqlEventCamera = RestEventOriginFragment['camera'];
type GraphqlEventOrigin = { readonly camera?: GraphqlEventCamera };

/** An event of each type as the RestEvent fragment selects it; RestEventMatches and RestEventOrigin add their fields. */
export type GraphqlFaceEvent = RestEventCommonFragment &
  RestFaceEventDataFragment &
  Partial<RestFaceEventMatchesFragment> &
  GraphqlEventOrigin;
export type GraphqlPlateEvent = RestEventCommonFragment &
  RestPlateEventDataFragment &
  Partial<RestPlateEventMatchesFragment> &
  GraphqlEventOrigin;
export type GraphqlMotionEvent = RestEventCommonFragment & RestMotionEventDataFragment & GraphqlEventOrigin;
export type GraphqlLineCrossingEvent = RestEventCommonFragment & RestLineCrossingEventDataFragment & GraphqlEventOrigin;
export type GraphqlEvent = GraphqlFaceEvent | GraphqlPlateEvent | GraphqlMotionEvent | GraphqlLineCrossingEvent;

/** Where the event happened (with_origin). */
export type RestEventOrigin = RestSchema<'EventOrigin'>;

/** The REST event of 3.1/3.2: the option of the spec its event_type picks (a face event's descriptor may be null). */
export type RestEvent =
  | RestSchema<'EventFaceRecognitionListItem'>
  | RestSchema<'EventPlateRecognition'>
  | RestSchema<'EventMotionDetection'>
  | RestSchema<'EventLineCrossing'>;

/** The REST event match of 3.3/3.4: the event and its match_data (null for the types without watchlists). */
export type RestEventMatch =
  | RestSchema<'EventFaceRecognitionMatchListItem'>
  | RestSchema<'EventPlateRecognitionMatch'>
  | (RestSchema<'EventMotionDetection'> & { readonly match_data: null })
  | (RestSchema<'EventLineCrossing'> & { readonly match_data: null });

/** face_recognition → FACE_RECOGNITION (a variable of the GraphQL enum) */
export const toGraphqlEventType = (eventType: RestSchema<'EventType'>): RecognitionEventType =>
  eventType.toUpperCase() as RecognitionEventType;

/** What every event type shares, origin first (the spec's order). */
function toRestEventCommon(event: GraphqlEvent) {
  return {
    origin: event.camera ? toRestEventOrigin(event.camera) : null,
    streamserver_id: event.streamServerId,
    stream_id: event.cameraId,
    object_id: event.objectId,
    event_id: event.id,
    event_action: event.eventAction,
    ts: Math.round(event.ts),
  };
}

export function toRestFaceEvent(event: GraphqlFaceEvent): RestSchema<'EventFaceRecognitionListItem'> {
  return {
    ...toRestEventCommon(event),
    event_data: toRestFaceEventData(event.faceData),
    event_type: 'face_recognition',
  };
}

export function toRestPlateEvent(event: GraphqlPlateEvent): RestSchema<'EventPlateRecognition'> {
  return {
    ...toRestEventCommon(event),
    event_data: toRestPlateEventData(event.plateData),
    event_type: 'plate_recognition',
  };
}

export function toRestMotionEvent(event: GraphqlMotionEvent): RestSchema<'EventMotionDetection'> {
  return {
    ...toRestEventCommon(event),
    event_data: toRestMotionEventData(event.motionData),
    event_type: 'motion_detection',
  };
}

export function toRestLineCrossingEvent(event: GraphqlLineCrossingEvent): RestSchema<'EventLineCrossing'> {
  return {
    ...toRestEventCommon(event),
    event_data: toRestLineCrossingEventData(event.lineData),
    event_type: 'line_crossing',
  };
}

/** The event of the type its event data tells (each GraphQL event type selects its own). */
export function toRestEvent(event: GraphqlEvent): RestEvent {
  if ('faceData' in event) return toRestFaceEvent(event);
  if ('plateData' in event) return toRestPlateEvent(event);
  if ('motionData' in event) return toRestMotionEvent(event);
  return toRestLineCrossingEvent(event);
}

/** A face event match: the event and its match_data. */
export function toRestFaceEventMatch(event: GraphqlFaceEvent): RestSchema<'EventFaceRecognitionMatchListItem'> {
  return { ...toRestFaceEvent(event), match_data: event.faceMatches ? event.faceMatches.map(toRestFaceMatch) : null };
}

/** A plate event match: the event and its match_data. */
export function toRestPlateEventMatch(event: GraphqlPlateEvent): RestSchema<'EventPlateRecognitionMatch'> {
  return {
    ...toRestPlateEvent(event),
    match_data: event.plateMatches ? event.plateMatches.map(toRestPlateMatch) : null,
  };
}

/** An event match: the event and its match_data. */
export function toRestEventMatch(event: GraphqlEvent): RestEventMatch {
  if ('faceData' in event) return toRestFaceEventMatch(event);
  if ('plateData' in event) return toRestPlateEventMatch(event);
  if ('motionData' in event) return { ...toRestMotionEvent(event), match_data: null };
  return { ...toRestLineCrossingEvent(event), match_data: null };
}

function toRestEventOrigin(camera: GraphqlEventCamera): RestEventOrigin {
  return {
    plan_id: camera.plan?.id ?? null,
    plan_name: camera.plan?.name ?? null,
    place_id: camera.place.id,
    place_name: camera.place.name,
    place_description: camera.place.description ?? null,
    place_latitude: camera.place.latitude ?? null,
    place_longitude: camera.place.longitude ?? null,
    camera_id: camera.id,
    camera_name: camera.name,
  };
}

/**
 * 3.1 answers the contract's Event; a face event without a descriptor keeps `descriptor: null`, as
 * the list items of 3.2 do.
 */
export const toRestSingleEvent = (event: GraphqlEvent): RestSchema<'Event'> =>
  toRestEvent(event) as RestSchema<'Event'>;

/**
 * 3.3 answers the contract's EventMatch; a face event without a descriptor keeps `descriptor: null`, and the
 * types without watchlists `match_data: null`.
 */
export const toRestSingleEventMatch = (event: GraphqlEvent): RestSchema<'EventMatch'> =>
  toRestEventMatch(event) as RestSchema<'EventMatch'>;

/** REST `{pagination: {cursor}, events: [...]}` (3.2): every event is of the event_type asked for, one option of EventList. */
export function toRestEventPage(
  connection: Connection<GraphqlEvent>,
  toRest: (event: GraphqlEvent) => RestEvent = toRestEvent,
): RestSchema<'EventList'> {
  return toRestPage('events', connection, toRest) as RestSchema<'EventList'>;
}

/** REST `{pagination: {cursor}, events: [...]}` (3.4) of event matches of the event_type asked for. */
export function toRestEventMatchPage(connection: Connection<GraphqlEvent>): RestSchema<'EventMatchList'> {
  return toRestPage('events', connection, toRestEventMatch) as RestSchema<'EventMatchList'>;
}

/** The next page's cursor also as the `Pagination-Cursor` header the prose of 3.2 and 3.4 names (none on the last page). */
export function paginationCursorHeader(connection: Connection<unknown>): Record<string, string> | undefined {
  const cursor = connection.pageInfo?.hasNextPage ? connection.pageInfo.endCursor : null;
  return cursor ? { 'pagination-cursor': cursor } : undefined;
}
