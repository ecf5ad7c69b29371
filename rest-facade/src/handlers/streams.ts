import type { RestRequestOf, TypedOperationSpecs } from '../graphql/types.js';
import { toRestStream, toRestStreamInfo, toRestStreamVerifyResult } from '../models/stream.js';

const byCamera = (r: RestRequestOf<'getStream' | 'getStreamInfo'>) => ({ cameraId: r.params.stream_id });

/** 21.x: a stream is a camera's live source, by the camera's id */
export const streamOperations = {
  getStream: { field: 'stream', variables: byCamera, notFound: 'Stream not found', toRest: toRestStream },
  getStreamInfo: { field: 'streamInfo', variables: byCamera, toRest: toRestStreamInfo },
  verifyStream: {
    field: 'verifyStream',
    variables: (r) => ({ rtspLink: r.body.rtsp_link }),
    toRest: toRestStreamVerifyResult,
  },
} satisfies TypedOperationSpecs;
