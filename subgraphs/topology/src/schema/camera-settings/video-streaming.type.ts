import type { VideoStreaming as VideoStreamingShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';

export const VideoStreaming = builder.objectRef<VideoStreamingShape>('VideoStreaming').implement({
  description: 'Live viewing of the video',
  fields: (t) => ({ enabled: t.exposeBoolean('enabled') }),
});
