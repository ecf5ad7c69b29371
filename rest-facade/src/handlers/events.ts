import type { RestRequestOf, TypedOperationSpecs } from '../graphql/types.js';
import {
  paginationCursorHeader,
  toGraphqlEventType,
  toRestEventMatchPage,
  toRestEventPage,
  toRestSingleEvent,
  toRestSingleEventMatch,
} from '../models/event.js';

/** The prose's default page size of 3.2 and 3.4 (the declared bounds are 10..1000). */
export const EVENTS_DEFAULT_LIMIT = 20;

/** `with_origin=true` adds the camera, its place and plan (origin). */
const withOrigin = (r: { readonly query: { readonly with_origin?: boolean } }) => ({
  withOrigin: r.query.with_origin === true,
});

/** `{id, eventType}` of 3.1 and 3.3. */
const byEvent = (r: RestRequestOf<'getEvent' | 'getEventMatch'>) => ({
  id: r.params.event_id,
  eventType: toGraphqlEventType(r.query.event_type),
  ...withOrigin(r),
});

/**
 * The window, the type and the one of stream/place/group of 3.2 and 3.4, and the page. The media
 * part refuses a window over 24 h and two of stream/place/group (INVALID_REQUEST: 400) after the
 * caller's permission, and ts_to before ts_from (422 on ts_to).
 */
const listVariables = (r: RestRequestOf<'listEvents' | 'listEventMatches'>) => ({
  filter: {
    from: r.query.ts_from,
    to: r.query.ts_to,
    eventTypes: [toGraphqlEventType(r.query.event_type)],
    cameraId: r.query.stream_id,
    placeId: r.query.place_id,
    groupId: r.query.group_id,
  },
  first: r.query.limit ?? EVENTS_DEFAULT_LIMIT,
  after: r.query.cursor,
  ...withOrigin(r),
});

/** 3.x: recognition events and event matches, oldest first. */
export const eventOperations = {
  getEvent: { field: 'event', variables: byEvent, notFound: 'Event not found', toRest: toRestSingleEvent },
  listEvents: {
    field: 'events',
    variables: listVariables,
    toRest: (connection) => toRestEventPage(connection),
    headers: paginationCursorHeader,
  },
  getEventMatch: {
    field: 'eventMatch',
    variables: byEvent,
    notFound: 'Event match not found',
    toRest: toRestSingleEventMatch,
  },
  listEventMatches: {
    field: 'eventMatches',
    variables: listVariables,
    toRest: toRestEventMatchPage,
    headers: paginationCursorHeader,
  },
} satisfies TypedOperationSpecs;
