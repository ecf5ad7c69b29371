import type { TypedOperationSpecs } from '../graphql/types.js';
import { toFaceInput, toRestFace, toRestFaceImages, toRestFaces } from '../models/face.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId } from './operation.js';

/** 5.1 and 5.6 declare no cursor or limit: one page of the largest size the other lists allow. */
const FACE_LIMIT = 1000;

/** 5.x */
export const faceOperations = {
  listFaces: {
    field: 'faces',
    variables: (r) => ({ first: FACE_LIMIT, fullName: r.query.full_name }),
    toRest: toRestFaces,
  },
  createFace: { field: 'createFace', variables: (r) => ({ input: toFaceInput(r.body) }), toRest: toRestFace },
  getFace: { field: 'face', variables: byId('face_id'), notFound: 'Face not found', toRest: toRestFace },
  updateFace: {
    field: 'updateFace',
    variables: (r) => ({ id: r.params.face_id, input: toFaceInput(r.body) }),
    toRest: toRestFace,
  },
  deleteFace: { field: 'deleteFace', variables: byId('face_id'), toRest: toRestStatusOk },
  listFaceImages: {
    field: 'faceImages',
    variables: (r) => ({ faceId: r.params.face_id, first: FACE_LIMIT }),
    notFound: 'Face not found',
    toRest: toRestFaceImages,
  },
  addFaceImages: {
    field: 'addFaceImages',
    variables: (r) => ({ faceId: r.params.face_id, imageIds: r.body.image_ids }),
    toRest: (face) => toRestFaceImages(face.images),
  },
  removeFaceImages: {
    field: 'removeFaceImages',
    variables: (r) => ({ faceId: r.params.face_id, imageIds: r.body.image_ids }),
    toRest: (face) => toRestFaceImages(face.images),
  },
} satisfies TypedOperationSpecs;
