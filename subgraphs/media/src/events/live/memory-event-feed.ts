import type { EventNotice } from './event-notice.js';
import { FanoutFeed } from './fanout-feed.js';

/** Notices within one process only (`EVENT_FEED=memory`): for a single media process and for tests. */
export class MemoryEventFeed extends FanoutFeed {
  async announce(notice: EventNotice): Promise<void> {
    this.fanout.publish(notice);
  }

  async close(): Promise<void> {}
}
