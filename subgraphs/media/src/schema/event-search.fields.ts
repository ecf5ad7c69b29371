import { builder } from './builder.js';
import { FaceDescriptorInput, FaceEventSearchHit } from './event-search-hit.type.js';
import { PlateRecognitionEvent } from './recognition-event.type.js';

builder.queryFields((t) => ({
  searchFaceEvents: t.field({
    type: [FaceEventSearchHit],
    description:
      'Face events whose descriptor has at least `threshold` cosine similarity to the given one, best first (search_face). Default window: everything kept (EVENT_RETENTION_DAYS); first 1..1000',
    args: {
      descriptor: t.arg({ type: FaceDescriptorInput, required: true }),
      threshold: t.arg.float({ required: true, description: '0..1' }),
      groupId: t.arg.int(),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      first: t.arg.int({ defaultValue: 100, description: 'At most this many hits, 1..1000' }),
    },
    resolve: (_, a, ctx) => ctx.services.events.searchFaces(ctx.viewer, { ...a, first: a.first ?? 100 }),
  }),
  searchPlateEvents: t.field({
    type: [PlateRecognitionEvent],
    description:
      'Plate events by plate number, newest first (search_plate): the normalised number (upper case, no spaces or dashes) equal, or with partial containing it. Default window: everything kept; first 1..1000',
    args: {
      plate: t.arg.string({ required: true }),
      partial: t.arg.boolean({ defaultValue: false }),
      groupId: t.arg.int(),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      first: t.arg.int({ defaultValue: 100, description: 'At most this many events, 1..1000' }),
    },
    resolve: (_, a, ctx) => ctx.services.events.searchPlates(ctx.viewer, { ...a, partial: a.partial ?? false, first: a.first ?? 100 }),
  }),
}));
