import type { Region as RegionShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';
import { Point } from './point.type.js';

export const Region = builder.objectRef<RegionShape>('Region').implement({
  description: 'A named region of interest of the video frame',
  fields: (t) => ({
    name: t.exposeString('name'),
    polygon: t.field({ type: [Point], resolve: (region) => [...region.polygon] }),
  }),
});
