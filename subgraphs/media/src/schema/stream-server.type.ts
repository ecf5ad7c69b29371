import type { LiveStreamServer } from '@argus/media-engine/client';
import { builder } from './builder.js';

export const StreamServer = builder.objectRef<LiveStreamServer>('StreamServer');

StreamServer.implement({
  description: 'A media-engine process that ingests cameras, while it heart-beats',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'STREAMSERVER_ID of the process' }),
    group: t.exposeString('group', { nullable: true, description: 'Takes only cameras of this scheduler group (none: cameras without a group)' }),
    tags: t.exposeStringList('tags', { description: 'Takes cameras whose scheduler tags are all among these' }),
    host: t.exposeString('host', { nullable: true, description: 'Where its media is reached' }),
    startedAt: t.field({ type: 'DateTime', resolve: (server) => server.startedAt }),
    heartbeatAt: t.field({ type: 'DateTime', description: 'Its last heartbeat', resolve: (server) => server.heartbeatAt }),
  }),
});
