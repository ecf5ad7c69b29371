import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestCamera } from '../models/camera.js';
import { toRestPage } from '../models/pagination.js';
import { toPlaceInput, toRestPlace } from '../models/place.js';
import { toRestPlan } from '../models/plan.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId, pageVariables } from './operation.js';

/** 12.1 declares no cursor or limit: one page of the largest size the other lists allow. */
const PLACE_LIST_LIMIT = 1000;

/** 12.x */
export const placeOperations = {
  listPlaces: {
    field: 'places',
    variables: (r) => ({
      first: PLACE_LIST_LIMIT,
      latitude: r.query.latitude,
      longitude: r.query.longitude,
      radius: r.query.radius,
      withoutGroups: r.query.without_groups,
      groupId: r.query.group_id,
    }),
    toRest: (connection) => toRestPage('places', connection, toRestPlace),
  },
  searchPlaces: {
    field: 'places',
    variables: (r) => ({ ...pageVariables(r), query: r.body.query, withoutGroups: r.query.without_groups }),
    toRest: (connection) => toRestPage('places', connection, toRestPlace),
  },
  createPlace: { field: 'createPlace', variables: (r) => ({ input: toPlaceInput(r.body) }), toRest: toRestPlace },
  getPlace: { field: 'place', variables: byId('place_id'), notFound: 'Place not found', toRest: toRestPlace },
  updatePlace: {
    field: 'updatePlace',
    variables: (r) => ({ id: r.params.place_id, input: toPlaceInput(r.body) }),
    toRest: toRestPlace,
  },
  deletePlace: { field: 'deletePlace', variables: byId('place_id'), toRest: toRestStatusOk },
  listPlacePlans: {
    field: 'place',
    variables: (r) => ({ ...pageVariables(r), placeId: r.params.place_id }),
    notFound: 'Place not found',
    toRest: (place) => toRestPage('plans', place.plans, toRestPlan),
  },
  listPlaceCameras: {
    field: 'place',
    variables: (r) => ({ ...pageVariables(r), placeId: r.params.place_id, withoutPlans: r.query.without_plans }),
    notFound: 'Place not found',
    toRest: (place) => toRestPage('cameras', place.cameras, toRestCamera),
  },
} satisfies TypedOperationSpecs;
