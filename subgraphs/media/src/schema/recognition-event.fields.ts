import { builder, common } from './builder.js';
import { EventFilterInput } from './event-filter.input.js';
import { WatchlistPriorityEnum } from './event-match-priority.enum.js';
import { RecognitionEvent, RecognitionEventConnection } from './recognition-event.type.js';
import { RecognitionEventTypeEnum } from './recognition-event-type.enum.js';

builder.queryFields((t) => ({
  event: t.field({
    type: RecognitionEvent,
    nullable: true,
    description: 'An event of this type (event_read); null when unknown, of another type or not visible',
    args: { id: t.arg.id({ required: true }), eventType: t.arg({ type: RecognitionEventTypeEnum, required: true }) },
    resolve: (_, a, ctx) => ctx.services.events.get(ctx.viewer, String(a.id), a.eventType, false),
  }),
  events: t.field({
    type: RecognitionEventConnection,
    description: 'Events the caller sees, oldest first (event_read). A window over 24 h or more than one of cameraId/placeId/groupId: INVALID_REQUEST; filter.to not after filter.from: BAD_USER_INPUT on ["filter", "to"]',
    args: { filter: t.arg({ type: EventFilterInput, required: true }), ...common.pageArgs(t.arg) },
    resolve: (_, a, ctx) => ctx.services.events.list(ctx.viewer, a.filter, { limit: a.first, cursor: a.after }),
  }),
  eventMatch: t.field({
    type: RecognitionEvent,
    nullable: true,
    description: 'An event that matched a watchlist (event_read); null when unknown, not matched, of another type or not visible',
    args: { id: t.arg.id({ required: true }), eventType: t.arg({ type: RecognitionEventTypeEnum, required: true }) },
    resolve: (_, a, ctx) => ctx.services.events.get(ctx.viewer, String(a.id), a.eventType, true),
  }),
  eventMatches: t.field({
    type: RecognitionEventConnection,
    description: 'Events that matched a watchlist, oldest first (event_read); the rules of events, and minPriority keeps matches of at least that priority',
    args: { filter: t.arg({ type: EventFilterInput, required: true }), minPriority: t.arg({ type: WatchlistPriorityEnum, required: false }), ...common.pageArgs(t.arg) },
    resolve: (_, a, ctx) => ctx.services.events.list(ctx.viewer, a.filter, { limit: a.first, cursor: a.after, matchedOnly: true, minPriority: a.minPriority }),
  }),
}));
