import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestStreamDowntimes, toRestStreamStatusSummary } from '../models/stream-status.js';

/** 23.x */
export const streamStatusOperations = {
  getStreamStatusSummary: { field: 'streamStatusSummary', toRest: toRestStreamStatusSummary },
  getStreamStatus: {
    field: 'streamDowntimes',
    variables: (r) => ({ cameraId: r.params.stream_id }),
    notFound: 'Stream not found',
    toRest: toRestStreamDowntimes,
  },
} satisfies TypedOperationSpecs;
