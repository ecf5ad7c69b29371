import type { EventNotice, LiveEventFeed, NoticeListener } from './event-notice.js';
import { LocalFanout } from './local-fanout.js';

/** `listen()`'s buffer when the caller names none. */
export const DEFAULT_LISTEN_CAPACITY = 1000;

/** A feed whose notices, wherever they come from, reach this process's subscribers through one local multiplexer. */
export abstract class FanoutFeed implements LiveEventFeed {
  protected readonly fanout = new LocalFanout();

  /** Writers call this after their transaction has committed (never for a rolled-back write). */
  abstract announce(notice: EventNotice): Promise<void>;
  abstract close(): Promise<void>;

  /** How many listeners this process has. */
  get listeners(): number {
    return this.fanout.size;
  }

  subscribe(listener: NoticeListener, onGap?: () => void): () => void {
    return this.fanout.subscribe(listener, onGap);
  }

  listen(capacity = DEFAULT_LISTEN_CAPACITY): AsyncIterable<EventNotice> & { stop(): void } {
    return this.fanout.iterate(capacity);
  }
}
