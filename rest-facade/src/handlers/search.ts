import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestFaceSearch, toRestPlateSearch } from '../models/event-search.js';

/** The most events 17.1 and 17.2 answer. */
export const SEARCH_MAX_EVENTS = 100;

/** 17.x: face events by descriptor, plate events by number, over every event kept; origin always filled. */
export const searchOperations = {
  searchFaceEvents: {
    field: 'searchFaceEvents',
    variables: (r) => ({
      descriptor: { data: r.body.descriptor.data, norm: r.body.descriptor.norm, version: r.body.descriptor.version },
      threshold: r.body.threshold,
      groupId: r.query.group_id,
      first: SEARCH_MAX_EVENTS,
    }),
    toRest: toRestFaceSearch,
  },
  searchPlateEvents: {
    field: 'searchPlateEvents',
    variables: (r) => ({ plate: r.body.plate.number, groupId: r.query.group_id, first: SEARCH_MAX_EVENTS }),
    toRest: (events, r) => toRestPlateSearch(events, r.body.plate.number),
  },
} satisfies TypedOperationSpecs;
