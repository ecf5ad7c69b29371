import { builder } from './builder.js';
import { RecognitionEventTypeEnum } from './recognition-event-type.enum.js';

export const EventFilterInput = builder.inputType('EventFilter', {
  description: 'Events captured in [from, to) (at most 24 h), of some types, seen by one camera, place or group (at most one of the three)',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true, description: 'After from, at most 24 h later' }),
    eventTypes: t.field({ type: [RecognitionEventTypeEnum], required: false, description: 'Every type when omitted' }),
    cameraId: t.id({ required: false, description: 'REST stream_id' }),
    placeId: t.int({ required: false }),
    groupId: t.int({ required: false, description: 'The places of this group' }),
  }),
});
