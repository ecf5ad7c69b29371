import { toRestEventData, type GraphqlEventData, type RestEventData } from './event-data.js';
import { toRestMatch, type GraphqlEventMatchEntry, type RestFaceMatch, type RestPlateMatch } from './event-match.js';
import { toRestPage, type Connection } from './pagination.js';

/** An event as the RestEvent fragment selects it; RestEventMatches and RestEventOrigin add their fields. */
export interface GraphqlEvent {
  readonly id: string;
  /** GraphQL RecognitionEventType: FACE_RECOGNITION, … */
  readonly eventType: string;
  readonly streamServerId: string;
  readonly cameraId: string;
  readonly objectId: string;
  readonly eventAction: string;
  /** capture time, milliseconds since the epoch */
  readonly ts: number;
  readonly faceData?: GraphqlEventData;
  readonly plateData?: GraphqlEventData;
  readonly motionData?: GraphqlEventData;
  readonly lineData?: GraphqlEventData;
  readonly faceMatches?: readonly GraphqlEventMatchEntry[];
  readonly plateMatches?: readonly GraphqlEventMatchEntry[];
  readonly camera?: GraphqlEventCamera | null;
}

/** The event's camera with its place and plan (RestEventOrigin). */
export interface GraphqlEventCamera {
  readonly id: string;
  readonly name?: string | null;
  readonly place?: {
    readonly id: number;
    readonly name: string;
    readonly description: string | null;
    readonly latitude: number | null;
    readonly longitude: number | null;
  } | null;
  readonly plan?: { readonly id: number; readonly name: string } | null;
}

/** Where the event happened (with_origin). */
export interface RestEventOrigin {
  plan_id: number | null;
  plan_name: string | null;
  place_id: number | null;
  place_name: string | null;
  place_description: string | null;
  place_latitude: number | null;
  place_longitude: number | null;
  camera_id: string | null;
  camera_name: string | null;
}

/** The REST event of 3.1/3.2; match_data on event matches (3.3/3.4), similarity on search hits (17.x). */
export interface RestEvent {
  origin: RestEventOrigin | null;
  streamserver_id: string;
  stream_id: string;
  object_id: string;
  event_id: string;
  event_action: string;
  ts: number;
  event_data: RestEventData;
  event_type: string;
  match_data?: (RestFaceMatch | RestPlateMatch)[] | null;
  similarity?: number;
}

/** FACE_RECOGNITION → face_recognition */
export const toRestEventType = (eventType: string): string => eventType.toLowerCase();

/** face_recognition → FACE_RECOGNITION (a variable of the GraphQL enum) */
export const toGraphqlEventType = (eventType: string | undefined): string | undefined => eventType?.toUpperCase();

export function toRestEvent(event: GraphqlEvent): RestEvent {
  const eventType = toRestEventType(event.eventType);
  const data = event.faceData ?? event.plateData ?? event.motionData ?? event.lineData ?? {};
  return {
    origin: event.camera ? toRestEventOrigin(event.camera) : null,
    streamserver_id: event.streamServerId,
    stream_id: event.cameraId,
    object_id: event.objectId,
    event_id: event.id,
    event_action: event.eventAction,
    ts: Math.round(event.ts),
    event_data: toRestEventData(eventType, data),
    event_type: eventType,
  };
}

/** An event match: the event and its match_data. */
export function toRestEventMatch(event: GraphqlEvent): RestEvent {
  const eventType = toRestEventType(event.eventType);
  const matches = event.faceMatches ?? event.plateMatches;
  return { ...toRestEvent(event), match_data: matches ? matches.map((m) => toRestMatch(eventType, m)) : null };
}

function toRestEventOrigin(camera: GraphqlEventCamera): RestEventOrigin {
  return {
    plan_id: camera.plan?.id ?? null,
    plan_name: camera.plan?.name ?? null,
    place_id: camera.place?.id ?? null,
    place_name: camera.place?.name ?? null,
    place_description: camera.place?.description ?? null,
    place_latitude: camera.place?.latitude ?? null,
    place_longitude: camera.place?.longitude ?? null,
    camera_id: camera.id,
    camera_name: camera.name ?? null,
  };
}

/** REST `{pagination: {cursor}, events: [...]}` (3.2, 3.4). */
export function toRestEventPage(
  connection: Connection<GraphqlEvent>,
  toRest: (event: GraphqlEvent) => RestEvent,
): Record<string, unknown> {
  return toRestPage('events', connection, toRest);
}

/** The next page's cursor also as the `Pagination-Cursor` header the prose of 3.2 and 3.4 names (none on the last page). */
export function paginationCursorHeader(connection: Connection<unknown>): Record<string, string> | undefined {
  const cursor = connection.pageInfo?.hasNextPage ? connection.pageInfo.endCursor : null;
  return cursor ? { 'pagination-cursor': cursor } : undefined;
}
