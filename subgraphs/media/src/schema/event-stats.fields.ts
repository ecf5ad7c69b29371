import { builder } from './builder.js';
import { EventIntensity, EventMatchCounts, EventTypeCounts } from './event-stats.type.js';

builder.queryFields((t) => ({
  eventCountsByType: t.field({
    type: EventTypeCounts,
    description: 'Events per type in [from, to) (stats_read): hour buckets up to 24 h, day buckets beyond (at most 366 days); organizationId for superusers, groupId the places of a group',
    args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }), organizationId: t.arg.int(), groupId: t.arg.int() },
    resolve: (_, a, ctx) => ctx.services.events.countsByType(ctx.viewer, a),
  }),
  eventMatchCountsByPriority: t.field({
    type: EventMatchCounts,
    description: 'Event matches per highest priority in [from, to) (stats_read); buckets as eventCountsByType',
    args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }), organizationId: t.arg.int(), groupId: t.arg.int() },
    resolve: (_, a, ctx) => ctx.services.events.matchCountsByPriority(ctx.viewer, a),
  }),
  eventIntensity: t.field({
    type: EventIntensity,
    description: 'Events of these cameras (every visible one when omitted) per bucket and type in [from, to) (stats_read); a camera the caller does not see: NOT_FOUND',
    args: {
      cameraIds: t.arg.idList(),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      organizationId: t.arg.int(),
      groupId: t.arg.int(),
    },
    resolve: (_, a, ctx) => ctx.services.events.intensity(ctx.viewer, { ...a, cameraIds: a.cameraIds?.map(String) ?? null }),
  }),
}));
