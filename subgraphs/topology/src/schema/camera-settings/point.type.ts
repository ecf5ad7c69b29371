import type { Point as PointShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';

export const Point = builder.objectRef<PointShape>('Point').implement({
  description: 'A point of the video frame: fractions of its width (x) and height (y) from the top left corner',
  fields: (t) => ({ x: t.exposeFloat('x'), y: t.exposeFloat('y') }),
});
