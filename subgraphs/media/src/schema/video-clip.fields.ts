import { builder } from './builder.js';
import { VideoClipStatusEnum } from './video-clip-status.enum.js';
import { VideoClip } from './video-clip.type.js';

builder.queryFields((t) => ({
  videoClip: t.field({ type: VideoClip, nullable: true, description: 'A video clip (videoclip_read); null when unknown or another organization\'s', args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.videoClips.get(ctx.viewer, String(id)) }),
  videoClips: t.field({
    type: [VideoClip],
    description: 'Video clips of the caller\'s organization, newest first (videoclip_read)',
    args: { cameraId: t.arg.id(), status: t.arg({ type: VideoClipStatusEnum }), createdFrom: t.arg({ type: 'DateTime' }), createdTo: t.arg({ type: 'DateTime' }) },
    resolve: (_, args, ctx) => ctx.services.videoClips.list(ctx.viewer, { ...args, cameraId: args.cameraId === null || args.cameraId === undefined ? args.cameraId : String(args.cameraId) }),
  }),
}));

builder.mutationFields((t) => ({
  createVideoClip: t.field({
    type: VideoClip,
    description: 'Queues a clip of [rangeStart, rangeEnd] (videoclip_create). Errors carry extensions.status: videoclip_camera_not_found (NOT_FOUND), videoclip_invalid_time_range (INVALID_REQUEST), videoclip_user_quota_exceeded (TOO_MANY_REQUESTS)',
    args: { cameraId: t.arg.id({ required: true }), rangeStart: t.arg({ type: 'DateTime', required: true }), rangeEnd: t.arg({ type: 'DateTime', required: true }) },
    resolve: (_, args, ctx) => ctx.services.videoClips.create(ctx.viewer, { cameraId: String(args.cameraId), rangeStart: args.rangeStart, rangeEnd: args.rangeEnd }),
  }),
  deleteVideoClip: t.boolean({
    description: 'Aborts an unfinished clip (its ffmpeg is stopped; it stays listed as aborted) or removes a finished one (videoclip_delete)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ctx.services.videoClips.delete(ctx.viewer, String(id)),
  }),
}));
