import type { VideoClipView } from '../services/video-clip.service.js';
import { builder } from './builder.js';
import { VideoClipStatusEnum } from './video-clip-status.enum.js';

export const VideoClip = builder.objectRef<VideoClipView>('VideoClip');

VideoClip.implement({
  description: 'A clip cut out of a camera\'s recording by stream copy into an MP4, as a durable job',
  fields: (t) => ({
    id: t.exposeID('id'),
    cameraId: t.exposeID('camera_id'),
    cameraName: t.exposeString('camera_name', { description: 'The camera\'s name when the clip was asked for' }),
    rangeStart: t.field({ type: 'DateTime', resolve: (c) => c.range_start }),
    rangeEnd: t.field({ type: 'DateTime', resolve: (c) => c.range_end }),
    status: t.field({ type: VideoClipStatusEnum, resolve: (c) => c.status }),
    progress: t.exposeFloat('progress', { description: '0..1 while running; 1 when done' }),
    resultUrl: t.exposeString('resultUrl', { nullable: true, description: 'When done: a signed download URL of the MP4 on the stream server that cut it (expires)' }),
    error: t.exposeString('error', { nullable: true, description: 'Why the last attempt failed' }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.created_at }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.finished_at }),
  }),
});
