import { builder } from './builder.js';

export const CameraStats = builder.objectRef<{ totalCount: number; activeCount: number }>('CameraStats').implement({
  description: 'How many cameras there are, and how many are active (streaming or analytics enabled)',
  fields: (t) => ({
    totalCount: t.exposeInt('totalCount'),
    activeCount: t.exposeInt('activeCount'),
  }),
});
