import type { DowntimePeriod } from '@argus/media-engine/client';
import { builder } from './builder.js';

export const StreamDowntime = builder.objectRef<DowntimePeriod>('StreamDowntime');

StreamDowntime.implement({
  description: 'A period during which a camera\'s stream was offline',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (d) => d.start }),
    end: t.field({ type: 'DateTime', nullable: true, description: 'null while it lasts', resolve: (d) => d.end }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it went offline' }),
  }),
});
