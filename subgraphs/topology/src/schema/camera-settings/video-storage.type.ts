import type { VideoStorage as VideoStorageShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';

export const VideoStorage = builder.objectRef<VideoStorageShape>('VideoStorage').implement({
  description: 'Recording of the video',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    retentionDays: t.exposeInt('retentionDays', { description: 'Days recordings are kept' }),
  }),
});
