import type { StreamUptimeEntry } from '../services/stream.service.js';
import { builder } from './builder.js';

export const StreamUptime = builder.objectRef<StreamUptimeEntry>('StreamUptime');

StreamUptime.implement({
  description: 'Uptime of a camera\'s stream since its first recorded transition',
  fields: (t) => ({
    cameraId: t.exposeID('cameraId'),
    cameraName: t.exposeString('cameraName'),
    lifetime: t.float({ description: 'Seconds since the first recorded transition (0: none yet)', resolve: (u) => u.lifetimeSec }),
    availability: t.exposeFloat('availability', { description: 'Percent of the lifetime online, 0..100' }),
  }),
});
