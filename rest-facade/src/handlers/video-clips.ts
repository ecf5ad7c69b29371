import type { TypedOperationSpecs } from '../graphql/types.js';
import { toGraphqlVideoClipStatus, toRestVideoClip, toRestVideoClipList } from '../models/video-clip.js';
import { byId } from './operation.js';

/** 27.x: video clips (errors carry their own status: videoclip_invalid_time_range, videoclip_camera_not_found, videoclip_user_quota_exceeded) */
export const videoClipOperations = {
  listVideoClips: {
    field: 'videoClips',
    variables: (r) => ({
      cameraId: r.query.camera_id,
      status: toGraphqlVideoClipStatus(r.query.status),
      createdFrom: r.query.created_at_start,
      createdTo: r.query.created_at_end,
    }),
    toRest: toRestVideoClipList,
  },
  createVideoClip: {
    field: 'createVideoClip',
    variables: (r) => ({ cameraId: r.body.camera_id, rangeStart: r.body.range_start, rangeEnd: r.body.range_end }),
    toRest: toRestVideoClip,
  },
  getVideoClip: {
    field: 'videoClip',
    variables: byId('videoclip_id'),
    notFound: 'Video clip not found',
    toRest: toRestVideoClip,
  },
  deleteVideoClip: {
    field: 'deleteVideoClip',
    variables: byId('videoclip_id'),
    noContent: true,
    toRest: () => undefined,
  },
} satisfies TypedOperationSpecs;
