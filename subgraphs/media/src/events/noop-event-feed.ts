import type { EventFeed, EventNotice } from './live/event-notice.js';

/** A feed nobody listens to: announcements go nowhere (until a live feed is wired in). */
export class NoopEventFeed implements EventFeed {
  async announce(_notice: EventNotice): Promise<void> {}
  listen(): AsyncIterable<EventNotice> & { stop(): void } {
    return {
      stop: () => undefined,
      [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true as const, value: undefined }) }),
    };
  }
  async close(): Promise<void> {}
}
