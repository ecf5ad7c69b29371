import type { TypedOperationSpecs } from '../graphql/types.js';
import { epochSecondsToIso, toRestSegmentIndex, toRestSegmentList } from '../models/segment.js';

/**
 * 18.x: recorded segments and their playlist, as signed URLs on the stream server holding the
 * camera (the bytes never pass through the facade). `stream_id` is the camera's id.
 */
export const segmentOperations = {
  listSegments: {
    field: 'segments',
    variables: (r) => ({
      cameraId: r.query.stream_id,
      from: epochSecondsToIso(r.query.ts_from),
      to: epochSecondsToIso(r.query.ts_to),
    }),
    toRest: toRestSegmentList,
  },
  getSegmentsIndex: {
    field: 'segmentsIndex',
    variables: (r) => ({ cameraId: r.query.stream_id }),
    notFound: 'No recording of this stream',
    toRest: toRestSegmentIndex,
  },
} satisfies TypedOperationSpecs;
