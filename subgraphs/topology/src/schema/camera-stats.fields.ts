import { builder } from './builder.js';
import { CameraStats } from './camera-stats.type.js';

builder.queryFields((t) => ({
  cameraStats: t.field({
    type: CameraStats,
    description: 'Cameras the caller sees; superusers see every organization unless one is named',
    args: { organizationId: t.arg.int(), groupId: t.arg.int() },
    resolve: (_, a, ctx) => ctx.services.cameras.stats(ctx.viewer, a),
  }),
}));
