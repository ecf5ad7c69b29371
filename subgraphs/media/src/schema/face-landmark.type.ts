import type { FacePoint } from '../services/face-meta.js';
import { builder } from './builder.js';

export const FaceLandmark = builder.objectRef<FacePoint>('FaceLandmark').implement({
  description: 'A landmark of a face (eyes, nose, mouth corners…), in pixels of the image',
  fields: (t) => ({
    x: t.exposeFloat('x'),
    y: t.exposeFloat('y'),
  }),
});
