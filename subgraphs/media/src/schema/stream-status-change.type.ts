import type { StreamStatusEvent } from '@argus/media-engine/client';
import { builder } from './builder.js';

export const StreamStatusChange = builder.objectRef<StreamStatusEvent>('StreamStatusChange');

StreamStatusChange.implement({
  description: 'One stored transition of a camera\'s stream',
  fields: (t) => ({
    cameraId: t.exposeID('cameraId'),
    status: t.exposeString('status', { description: 'online or offline' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why offline; null when online' }),
    streamServerId: t.exposeString('streamServerId', { nullable: true, description: 'The stream server that recorded it' }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
  }),
});
