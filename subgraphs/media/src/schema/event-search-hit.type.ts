import type { FaceSearchHit } from '../events/event.types.js';
import { builder } from './builder.js';
import { FaceRecognitionEvent } from './recognition-event.type.js';

export const FaceEventSearchHit = builder.objectRef<FaceSearchHit>('FaceEventSearchHit').implement({
  description: 'A face event found by a descriptor',
  fields: (t) => ({
    similarity: t.exposeFloat('similarity', { description: 'Cosine similarity to the searched descriptor, -1..1' }),
    event: t.field({ type: FaceRecognitionEvent, resolve: (h) => h.event }),
  }),
});

export const FaceDescriptorInput = builder.inputType('FaceDescriptorInput', {
  description: 'A face descriptor as upload meta gives it; version 1 is the current model (fr_feature-v1)',
  fields: (t) => ({
    data: t.string({ required: true, description: 'Base64 of 512 little-endian float32 values' }),
    norm: t.float({ required: true }),
    version: t.int({ required: true, description: '1; any other version is INVALID_REQUEST' }),
  }),
});
