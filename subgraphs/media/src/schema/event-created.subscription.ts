import type { LiveItem } from '../events/live/live-subscription.js';
import { liveEventOf } from '../events/live/live-item.js';
import { builder } from './builder.js';
import { RecognitionEvent } from './recognition-event.type.js';
import { RecognitionEventTypeEnum } from './recognition-event-type.enum.js';

export const EventSubscriptionFilterInput = builder.inputType('EventSubscriptionFilter', {
  description: 'Which live events a subscriber wants; every id named must be visible to it',
  fields: (t) => ({
    cameraIds: t.idList({ required: false, description: 'Only these cameras (1 to 1000)' }),
    placeIds: t.intList({ required: false, description: 'Only cameras of these places (1 to 1000)' }),
    groupId: t.int({ required: false, description: 'Only cameras of this group\'s places' }),
    eventTypes: t.field({ type: [RecognitionEventTypeEnum], required: false, description: 'Every type when omitted' }),
  }),
});

builder.subscriptionFields((t) => ({
  eventCreated: t.field({
    type: RecognitionEvent,
    description:
      'Every new event the subscriber may see (event_read; its organization, and for group members their groups\' places), filtered. With after: first the events stored after that one (in the order they were stored, so one reported late with an older capture time comes too), then live ones, none twice. A subscriber more than EVENT_SUBSCRIBER_BUFFER events behind gets UNAVAILABLE with extensions.status subscriber_too_slow and is closed',
    args: {
      filter: t.arg({ type: EventSubscriptionFilterInput, required: false }),
      after: t.arg.id({ required: false, description: 'The last event received before reconnecting' }),
    },
    subscribe: (_, a, ctx) => ctx.services.liveEvents.created(ctx.viewer, a.filter, a.after?.toString()),
    resolve: (item: LiveItem) => liveEventOf(item),
  }),
}));
