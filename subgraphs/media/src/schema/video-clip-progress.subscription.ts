import type { VideoClipView } from '../services/video-clip.service.js';
import { builder } from './builder.js';
import { VideoClip } from './video-clip.type.js';

builder.subscriptionFields((t) => ({
  videoClipProgress: t.field({
    type: VideoClip,
    description: 'The clip now, then on every change of status or progress (read every 500 ms) until it is done, failed or aborted (videoclip_read)',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_, { id }, ctx) => ctx.services.videoClips.progress(ctx.viewer, String(id)),
    resolve: (clip: VideoClipView) => clip,
  }),
}));
