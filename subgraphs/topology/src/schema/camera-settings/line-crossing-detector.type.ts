import type { LineCrossingDetector as LineCrossingDetectorShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';
import { CrossingLine } from './crossing-line.type.js';

export const LineCrossingDetector = builder.objectRef<LineCrossingDetectorShape>('LineCrossingDetector').implement({
  description: 'Reports objects crossing named lines',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    lines: t.field({ type: [CrossingLine], resolve: (detector) => [...detector.lines] }),
  }),
});
