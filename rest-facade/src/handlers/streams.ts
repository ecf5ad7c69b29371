import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestStream, toRestStreamInfo, toRestStreamVerifyResult } from '../models/stream.js';
import type { OperationSpecs, RestRequest } from './operation.js';

const byCamera = (r: RestRequest) => ({ cameraId: r.params.stream_id });

/** 21.x: a stream is a camera's live source, by the camera's id */
export const streamOperations: OperationSpecs = {
  getStream: { field: 'stream', variables: byCamera, notFound: 'Stream not found', toRest: toRestStream },
  getStreamInfo: { field: 'streamInfo', variables: byCamera, toRest: toRestStreamInfo },
  verifyStream: {
    field: 'verifyStream',
    variables: (r) => ({ rtspLink: r.body.rtsp_link }),
    toRest: toRestStreamVerifyResult,
  },
} satisfies TypedOperationSpecs;
