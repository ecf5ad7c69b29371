import type { RestRequestOf, TypedOperationSpecs } from '../graphql/types.js';
import { toRestList } from '../models/pagination.js';
import { toPlateListInput, toRestPlateList } from '../models/plate-list.js';
import { toRestPlate } from '../models/plate.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId } from './operation.js';
import { PLATE_LIST_LIMIT } from './plates.js';

const plateOfList = (r: RestRequestOf<'addPlateListPlate' | 'removePlateListPlate'>) => ({
  plateListId: r.params.platelist_id,
  plateId: r.params.plate_id,
});

/** 14.x; the lists (14.1) and a list's plates (14.8) declare no cursor or limit. */
export const plateListOperations = {
  listPlateLists: {
    field: 'plateLists',
    variables: (r) => ({ first: PLATE_LIST_LIMIT, name: r.query.name }),
    toRest: (connection) => toRestList('platelists', connection.nodes, toRestPlateList),
  },
  createPlateList: {
    field: 'createPlateList',
    variables: (r) => ({ input: toPlateListInput(r.body) }),
    toRest: toRestPlateList,
  },
  getPlateList: {
    field: 'plateList',
    variables: byId('platelist_id'),
    notFound: 'Plate list not found',
    toRest: toRestPlateList,
  },
  updatePlateList: {
    field: 'updatePlateList',
    variables: (r) => ({ id: r.params.platelist_id, input: toPlateListInput(r.body) }),
    toRest: toRestPlateList,
  },
  deletePlateList: { field: 'deletePlateList', variables: byId('platelist_id'), toRest: toRestStatusOk },
  listPlateListPlates: {
    field: 'plateList',
    variables: (r) => ({ plateListId: r.params.platelist_id, first: PLATE_LIST_LIMIT }),
    notFound: 'Plate list not found',
    toRest: (list) => toRestList('plates', list.plates.nodes, toRestPlate),
  },
  addPlateListPlate: { field: 'addPlateListPlate', variables: plateOfList, toRest: toRestStatusOk },
  removePlateListPlate: { field: 'removePlateListPlate', variables: plateOfList, toRest: toRestStatusOk },
} satisfies TypedOperationSpecs;
