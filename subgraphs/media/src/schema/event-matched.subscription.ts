import type { LiveItem } from '../events/live/live-subscription.js';
import { liveEventOf } from '../events/live/live-item.js';
import { builder } from './builder.js';
import { WatchlistPriorityEnum } from './event-match-priority.enum.js';
import { RecognitionEvent } from './recognition-event.type.js';
import { RecognitionEventTypeEnum } from './recognition-event-type.enum.js';

export const EventMatchSubscriptionFilterInput = builder.inputType('EventMatchSubscriptionFilter', {
  description: 'Which live matches a subscriber wants; every id named must be visible to it',
  fields: (t) => ({
    cameraIds: t.idList({ required: false, description: 'Only these cameras (1 to 1000)' }),
    placeIds: t.intList({ required: false, description: 'Only cameras of these places (1 to 1000)' }),
    groupId: t.int({ required: false, description: 'Only cameras of this group\'s places' }),
    eventTypes: t.field({ type: [RecognitionEventTypeEnum], required: false, description: 'Every type when omitted' }),
    minPriority: t.field({ type: WatchlistPriorityEnum, required: false, description: 'Only matches of at least this priority' }),
  }),
});

builder.subscriptionFields((t) => ({
  eventMatched: t.field({
    type: RecognitionEvent,
    description:
      'Every event the subscriber may see as soon as it matched a watchlist (event_read), filtered; after and the slow-subscriber rule as for eventCreated',
    args: {
      filter: t.arg({ type: EventMatchSubscriptionFilterInput, required: false }),
      after: t.arg.id({ required: false, description: 'The last match received before reconnecting' }),
    },
    subscribe: (_, a, ctx) => ctx.services.liveEvents.matched(ctx.viewer, a.filter, a.after?.toString()),
    resolve: (item: LiveItem) => liveEventOf(item),
  }),
}));
