import type { OperationSpecs } from './operation.js';

/** 20.1 (the event stats of 20.2–20.4 belong to the media part) */
export const statsOperations: OperationSpecs = {
  getCameraStats: {
    field: 'cameraStats',
    variables: (r) => ({ organizationId: r.query.organization_id, groupId: r.query.group_id }),
    toRest: (stats: { totalCount: number; activeCount: number }) => ({
      total_count: stats.totalCount,
      active_count: stats.activeCount,
    }),
  },
};
