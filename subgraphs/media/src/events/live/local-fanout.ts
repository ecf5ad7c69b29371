import { BoundedQueue } from '@argus/core';
import type { EventNotice, NoticeListener } from './event-notice.js';

interface Entry {
  readonly listener: NoticeListener;
  readonly onGap?: () => void;
}

/**
 * The local multiplexer: one upstream listener per process (the feed's), many subscribers. A
 * notice is handed to every listener synchronously; listeners keep their own bounded buffers.
 */
export class LocalFanout {
  private readonly entries = new Set<Entry>();

  get size(): number {
    return this.entries.size;
  }

  subscribe(listener: NoticeListener, onGap?: () => void): () => void {
    const entry = { listener, onGap };
    this.entries.add(entry);
    return () => this.entries.delete(entry);
  }

  publish(notice: EventNotice): void {
    for (const entry of this.entries) entry.listener(notice);
  }

  /** Notices may have been lost (the upstream connection was down): subscribers catch up from the database. */
  gap(): void {
    for (const entry of this.entries) entry.onGap?.();
  }

  /** `EventFeed.listen()`: every notice from now on, at most `capacity` waiting (an iterator that falls behind ends). */
  iterate(capacity: number): AsyncIterable<EventNotice> & { stop(): void } {
    const queue = new BoundedQueue<EventNotice>(capacity);
    const unsubscribe = this.subscribe((notice) => queue.push(notice));
    const stop = () => {
      unsubscribe();
      queue.end();
    };
    return {
      stop,
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const item = await queue.take();
          if (item.done || item.overflow) {
            stop();
            return { done: true as const, value: undefined };
          }
          return { done: false as const, value: item.value };
        },
        return: async () => {
          stop();
          return { done: true as const, value: undefined };
        },
      }),
    };
  }
}
