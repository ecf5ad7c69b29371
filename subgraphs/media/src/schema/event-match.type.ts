import type { FaceMatchEntry, PlateMatchEntry } from '../events/event.types.js';
import { builder } from './builder.js';
import { WatchlistPriorityEnum } from './event-match-priority.enum.js';

export const FaceEventMatch = builder.objectRef<FaceMatchEntry>('FaceEventMatch').implement({
  description: 'A face of a face list the event\'s face matched (REST match_data)',
  fields: (t) => ({
    faceId: t.exposeInt('face_id'),
    faceName: t.exposeString('face_name', { nullable: true }),
    faceListId: t.exposeInt('facelist_id'),
    faceListName: t.exposeString('facelist_name'),
    similarity: t.exposeFloat('similarity', { description: 'Cosine similarity of the descriptors, at or above the match threshold' }),
    priority: t.field({ type: WatchlistPriorityEnum, nullable: true, resolve: (m) => m.priority }),
  }),
});

export const PlateEventMatch = builder.objectRef<PlateMatchEntry>('PlateEventMatch').implement({
  description: 'A plate of a plate list the event\'s plate matched (REST match_data)',
  fields: (t) => ({
    plateId: t.exposeInt('plate_id'),
    plateNumber: t.exposeString('plate_number', { nullable: true }),
    plateListId: t.exposeInt('platelist_id'),
    plateListName: t.exposeString('platelist_name'),
    similarity: t.exposeFloat('similarity', { nullable: true, description: '1 for the exact normalised match' }),
    priority: t.field({ type: WatchlistPriorityEnum, nullable: true, resolve: (m) => m.priority }),
  }),
});
