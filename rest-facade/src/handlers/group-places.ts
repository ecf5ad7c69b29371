import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestPage } from '../models/pagination.js';
import { toRestPlace } from '../models/place.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { pageVariables } from './operation.js';

/** 6.10–6.12: a group's places, through identity's group (an unknown or invisible group is a 404). */
export const groupPlaceOperations = {
  listGroupPlaces: {
    field: 'group',
    variables: (r) => ({ ...pageVariables(r), groupId: r.params.group_id }),
    notFound: 'Group not found',
    toRest: (group) => toRestPage('places', group.places, toRestPlace),
  },
  addGroupPlaces: {
    field: 'addGroupPlaces',
    variables: (r) => ({ groupId: r.params.group_id, placeIds: r.body.place_ids }),
    toRest: toRestStatusOk,
  },
  removeGroupPlaces: {
    field: 'removeGroupPlaces',
    variables: (r) => ({ groupId: r.params.group_id, placeIds: r.body.place_ids }),
    toRest: toRestStatusOk,
  },
} satisfies TypedOperationSpecs;
