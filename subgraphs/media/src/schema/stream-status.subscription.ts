import type { StreamStatusEvent } from '@argus/media-engine/client';
import { builder } from './builder.js';
import { StreamStatusChange } from './stream-status-change.type.js';


builder.subscriptionFields((t) => ({
  streamStatusChanged: t.field({
    type: StreamStatusChange,
    description: 'Every stored online/offline transition of these cameras from now on (stream_read; each camera must be visible)',
    args: { cameraIds: t.arg.idList({ required: true }) },
    subscribe: (_, { cameraIds }, ctx) => ctx.services.streams.changes(ctx.viewer, cameraIds.map(String)),
    resolve: (event: StreamStatusEvent) => event,
  }),
}));
