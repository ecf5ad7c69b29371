import type { FaceRect } from '../services/face-meta.js';
import { builder } from './builder.js';

export const FaceBox = builder.objectRef<FaceRect>('FaceBox').implement({
  description: 'Where a face is in the image, in pixels',
  fields: (t) => ({
    xMin: t.exposeFloat('x_min'),
    yMin: t.exposeFloat('y_min'),
    xMax: t.exposeFloat('x_max'),
    yMax: t.exposeFloat('y_max'),
  }),
});
