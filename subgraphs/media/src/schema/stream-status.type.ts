import type { CurrentStreamStatus } from '@argus/media-engine/client';
import { builder } from './builder.js';

export const StreamStatus = builder.objectRef<CurrentStreamStatus>('StreamStatus');

StreamStatus.implement({
  description: 'A camera\'s live stream now: online or offline (with why), and the stream server ingesting it',
  fields: (t) => ({
    cameraId: t.exposeID('cameraId'),
    status: t.exposeString('status', { description: 'online or offline' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why offline: unreachable, unauthorized, no_video, stalled, exited, no_stream_server, starting; null when online' }),
    since: t.field({ type: 'DateTime', nullable: true, description: 'Since when; null when nothing was ever recorded', resolve: (s) => s.since }),
    streamServerId: t.exposeString('streamServerId', { nullable: true, description: 'The stream server holding the camera\'s lease, null when none' }),
    streamServerHost: t.exposeString('streamServerHost', { nullable: true }),
  }),
});
