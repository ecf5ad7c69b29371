import type { RecognitionDetector as RecognitionDetectorShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';

export const RecognitionDetector = builder.objectRef<RecognitionDetectorShape>('RecognitionDetector').implement({
  description: 'Face or licence-plate recognition: which detections are kept',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    minConfidence: t.exposeFloat('minConfidence', { description: 'Detection score, 0..1' }),
    minSizePx: t.exposeInt('minSizePx', { description: 'Smallest face height or plate width, in pixels' }),
  }),
});
