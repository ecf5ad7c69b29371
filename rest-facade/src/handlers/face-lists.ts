import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestFaces } from '../models/face.js';
import { toFaceListInput, toRestFaceList } from '../models/face-list.js';
import { toRestList } from '../models/pagination.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId } from './operation.js';

/** 4.1 and 4.6 declare no cursor or limit: one page of the largest size the other lists allow. */
const FACE_LIST_LIMIT = 1000;

/** 4.x */
export const faceListOperations = {
  listFaceLists: {
    field: 'faceLists',
    variables: (r) => ({ first: FACE_LIST_LIMIT, name: r.query.name }),
    toRest: (connection) => toRestList('facelists', connection.nodes, toRestFaceList),
  },
  createFaceList: {
    field: 'createFaceList',
    variables: (r) => ({ input: toFaceListInput(r.body) }),
    toRest: toRestFaceList,
  },
  getFaceList: {
    field: 'faceList',
    variables: byId('facelist_id'),
    notFound: 'Face list not found',
    toRest: toRestFaceList,
  },
  updateFaceList: {
    field: 'updateFaceList',
    variables: (r) => ({ id: r.params.facelist_id, input: toFaceListInput(r.body) }),
    toRest: toRestFaceList,
  },
  deleteFaceList: { field: 'deleteFaceList', variables: byId('facelist_id'), toRest: toRestStatusOk },
  listFaceListFaces: {
    field: 'faceList',
    variables: (r) => ({ faceListId: r.params.facelist_id, first: FACE_LIST_LIMIT }),
    notFound: 'Face list not found',
    toRest: (list) => toRestFaces(list.faces),
  },
  addFaceListFace: {
    field: 'addFaceListFace',
    variables: (r) => ({ faceListId: r.params.facelist_id, faceId: r.params.face_id }),
    toRest: toRestStatusOk,
  },
  removeFaceListFace: {
    field: 'removeFaceListFace',
    variables: (r) => ({ faceListId: r.params.facelist_id, faceId: r.params.face_id }),
    toRest: toRestStatusOk,
  },
} satisfies TypedOperationSpecs;
