import type { CrossingLine as CrossingLineShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';
import { LineDirectionEnum } from './line-direction.enum.js';
import { Point } from './point.type.js';

export const CrossingLine = builder.objectRef<CrossingLineShape>('CrossingLine').implement({
  description: 'A named line of the video frame whose crossings are reported',
  fields: (t) => ({
    name: t.exposeString('name'),
    start: t.field({ type: Point, resolve: (line) => line.start }),
    end: t.field({ type: Point, resolve: (line) => line.end }),
    direction: t.field({ type: LineDirectionEnum, resolve: (line) => line.direction }),
  }),
});
