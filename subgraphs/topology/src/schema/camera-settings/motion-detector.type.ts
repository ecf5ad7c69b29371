import type { MotionDetector as MotionDetectorShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';
import { Region } from './region.type.js';

export const MotionDetector = builder.objectRef<MotionDetectorShape>('MotionDetector').implement({
  description: 'Motion detection, in the whole frame or in named regions',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    sensitivity: t.exposeFloat('sensitivity', { description: '0 (least) .. 1 (most sensitive)' }),
    minArea: t.exposeFloat('minArea', { description: 'Smallest moving area, as a fraction of the frame (or region)' }),
    regions: t.field({ type: [Region], description: 'Empty: the whole frame', resolve: (motion) => [...motion.regions] }),
  }),
});
