import { builder } from './builder.js';
import { StreamServer } from './stream-server.type.js';

builder.queryFields((t) => ({
  streamServers: t.field({
    type: [StreamServer],
    description: 'The stream servers heart-beating now, by id (permission streamserver_read)',
    resolve: (_, __, ctx) => ctx.services.streamServers.list(ctx.viewer),
  }),
}));
