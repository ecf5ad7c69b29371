import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestList } from '../models/pagination.js';
import { toPlateInput, toRestPlate } from '../models/plate.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId } from './operation.js';

/** 15.1 declares no cursor or limit: one page of the largest size the other lists allow. */
export const PLATE_LIST_LIMIT = 1000;

/** 15.x */
export const plateOperations = {
  listPlates: {
    field: 'plates',
    variables: (r) => ({ first: PLATE_LIST_LIMIT, number: r.query.number }),
    toRest: (connection) => toRestList('plates', connection.nodes, toRestPlate),
  },
  createPlate: { field: 'createPlate', variables: (r) => ({ input: toPlateInput(r.body) }), toRest: toRestPlate },
  getPlate: { field: 'plate', variables: byId('plate_id'), notFound: 'Plate not found', toRest: toRestPlate },
  updatePlate: {
    field: 'updatePlate',
    variables: (r) => ({ id: r.params.plate_id, input: toPlateInput(r.body) }),
    toRest: toRestPlate,
  },
  deletePlate: { field: 'deletePlate', variables: byId('plate_id'), toRest: toRestStatusOk },
} satisfies TypedOperationSpecs;
