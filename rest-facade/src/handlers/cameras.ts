import type { TypedOperationSpecs } from '../graphql/types.js';
import { toCameraInput, toRestCamera } from '../models/camera.js';
import { toRestPage } from '../models/pagination.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { byId, pageVariables, type RestRequest } from './operation.js';

/** `with_origin=true` adds the camera's place and plan (RestCameraOrigin). */
const withOrigin = (r: RestRequest) => ({ withOrigin: r.query.with_origin === true });

/** 2.x */
export const cameraOperations = {
  listCameras: {
    field: 'cameras',
    variables: (r) => ({ ...pageVariables(r), placeId: r.query.place_id, groupId: r.query.group_id, ...withOrigin(r) }),
    toRest: (connection) => toRestPage('cameras', connection, toRestCamera),
  },
  searchCameras: {
    field: 'cameras',
    variables: (r) => ({ ...pageVariables(r), query: r.body.query, groupId: r.query.group_id, ...withOrigin(r) }),
    toRest: (connection) => toRestPage('cameras', connection, toRestCamera),
  },
  createCamera: {
    field: 'createCamera',
    variables: (r) => ({ input: toCameraInput(r.body), ...withOrigin(r) }),
    toRest: toRestCamera,
  },
  getCamera: {
    field: 'camera',
    variables: (r) => ({ id: r.params.camera_id, ...withOrigin(r) }),
    notFound: 'Camera not found',
    toRest: toRestCamera,
  },
  updateCamera: {
    field: 'updateCamera',
    variables: (r) => ({ id: r.params.camera_id, input: toCameraInput(r.body), ...withOrigin(r) }),
    toRest: toRestCamera,
  },
  deleteCamera: { field: 'deleteCamera', variables: byId('camera_id'), toRest: toRestStatusOk },
} satisfies TypedOperationSpecs;
