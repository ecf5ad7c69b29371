import type { RestRequestOf, TypedOperationSpecs } from '../graphql/types.js';
import { toRestEventMatchesByPriority, toRestEventsByType, toRestEventsIntensity } from '../models/event-stats.js';

/** The window and scope of 20.2–20.4: hour buckets up to 24 h, day buckets beyond. */
const statsVariables = (
  r: RestRequestOf<'getEventsByTypeStats' | 'getEventMatchesByPriorityStats' | 'getEventsIntensityStats'>,
) => ({
  from: r.query.ts_from,
  to: r.query.ts_to,
  organizationId: r.query.organization_id,
  groupId: r.query.group_id,
});

/** 20.1 (topology); 20.2–20.4: event counts of the media part */
export const statsOperations = {
  getCameraStats: {
    field: 'cameraStats',
    variables: (r) => ({ organizationId: r.query.organization_id, groupId: r.query.group_id }),
    toRest: (stats) => ({ total_count: stats.totalCount, active_count: stats.activeCount }),
  },
  getEventsByTypeStats: { field: 'eventCountsByType', variables: statsVariables, toRest: toRestEventsByType },
  getEventMatchesByPriorityStats: {
    field: 'eventMatchCountsByPriority',
    variables: statsVariables,
    toRest: toRestEventMatchesByPriority,
  },
  getEventsIntensityStats: {
    field: 'eventIntensity',
    variables: (r) => ({ ...statsVariables(r), cameraIds: [r.query.stream_id] }),
    toRest: toRestEventsIntensity,
  },
} satisfies TypedOperationSpecs;
