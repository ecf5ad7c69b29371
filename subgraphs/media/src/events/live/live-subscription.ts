import { BoundedQueue, type DomainError, type Logger } from '@argus/core';
import type { SequencedEvent } from '../../repositories/event.repository.js';
import type { EventView } from '../event.types.js';
import type { EventNotice, LiveEventFeed } from './event-notice.js';
import { acceptsNotice, type LiveEventScope } from './live-event-scope.js';
import { eventsUnreadable, subscriberTooSlow } from './live-errors.js';

/** A subscription's last item when it ends with an error (the resolver raises it). */
export class LiveFailure {
  constructor(readonly error: DomainError) {}
}

export type LiveItem = EventView | LiveFailure;

const GAP = Symbol('gap');
/**
 * How far back (in numbers) the subscription reads after a gap in the feed: events numbered just
 * before the furthest one delivered may have committed after it; those delivered already are
 * recognised by id.
 */
const GAP_OVERLAP = 256;

export interface LiveSubscriptionOptions {
  readonly scope: LiveEventScope;
  readonly bufferSize: number;
  /** stored events numbered after `from` (the order they were stored in), at most PAGE + 1 */
  read(from: number): Promise<SequencedEvent[]>;
  /** the stored event a notice names, when the subscriber may see it */
  load(notice: EventNotice): Promise<SequencedEvent | undefined>;
  /** starts loading what a notice names (shared by every subscriber of the process) */
  prefetch(notice: EventNotice): void;
  /** the highest number given so far (where a subscriber without `after` starts) */
  head(): Promise<number>;
  onEnd(): void;
  readonly logger?: Logger;
}

/**
 * One subscriber: a bounded queue of accepted notices (filled synchronously by the feed), an
 * optional backlog of stored events read a page at a time, and the ids already delivered (so an
 * event read from the database and then announced is delivered once). A queue that overflows
 * ends the subscription with `subscriber_too_slow`; a gap in the feed (its connection was lost)
 * is filled from the database, from the furthest event delivered.
 */
export class LiveSubscription implements AsyncIterableIterator<LiveItem> {
  static readonly PAGE = 500;
  private readonly queue: BoundedQueue<EventNotice | typeof GAP>;
  private readonly delivered: BoundedIdSet;
  private unsubscribe: (() => void) | undefined;
  private page: SequencedEvent[] = [];
  private backlogFrom: number | undefined;
  /** where this subscriber started: the head when it subscribed, or its `after` */
  private start: Promise<number> | number = 0;
  /** the highest number delivered */
  private furthest = 0;
  private finished = false;
  private failing = false;

  constructor(private readonly o: LiveSubscriptionOptions) {
    this.queue = new BoundedQueue(o.bufferSize);
    this.delivered = new BoundedIdSet(Math.max(10_000, 4 * o.bufferSize));
  }

  get waiting(): number {
    return this.queue.length;
  }

  get peak(): number {
    return this.queue.peak;
  }

  /** Starts listening (before any stored event is read); `from`: resume after this number. */
  attach(feed: LiveEventFeed, from?: number): void {
    this.unsubscribe = feed.subscribe(
      (notice) => {
        if (!acceptsNotice(this.o.scope, notice)) return;
        if (this.queue.push(notice)) this.o.prefetch(notice);
        else if (this.queue.isOverflowed) this.detach();
      },
      () => this.queue.push(GAP),
    );
    if (from !== undefined) {
      this.backlogFrom = from;
      this.start = from;
    } else {
      // read after listening: whatever is stored later is announced to this subscriber
      const head = this.o.head();
      head.catch(() => undefined);
      this.start = head;
    }
  }

  async next(): Promise<IteratorResult<LiveItem>> {
    if (this.failing) return this.finish();
    try {
      for (;;) {
        if (this.finished) return { done: true, value: undefined };
        const stored = this.page.shift();
        if (stored) {
          if (!this.delivered.has(stored.id)) return this.deliver(stored);
          continue;
        }
        if (this.backlogFrom) {
          const rows = await this.o.read(this.backlogFrom);
          this.page = rows.slice(0, LiveSubscription.PAGE);
          const last = this.page[this.page.length - 1];
          this.backlogFrom = rows.length > LiveSubscription.PAGE && last ? this.numberOf(last) : undefined;
          continue;
        }
        const taken = await this.queue.take();
        if (taken.done) return taken.overflow ? this.fail(subscriberTooSlow(this.o.bufferSize)) : this.finish();
        if (taken.value === GAP) {
          this.backlogFrom = Math.max(await this.start, this.furthest - GAP_OVERLAP);
          continue;
        }
        if (this.delivered.has(taken.value.eventId)) continue;
        const event = await this.o.load(taken.value);
        if (event && !this.delivered.has(event.id)) return this.deliver(event);
      }
    } catch (err) {
      this.o.logger?.warn({ err: (err as Error).message }, 'a live event subscription could not read events');
      return this.fail(eventsUnreadable());
    }
  }

  return(): Promise<IteratorResult<LiveItem>> {
    return Promise.resolve(this.finish());
  }

  async throw(err: unknown): Promise<IteratorResult<LiveItem>> {
    this.finish();
    throw err;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiveItem> {
    return this;
  }

  private deliver(event: SequencedEvent): IteratorResult<LiveItem> {
    if (this.finished) return { done: true, value: undefined };
    this.delivered.add(event.id);
    const seq = this.numberOf(event);
    if (seq > this.furthest) this.furthest = seq;
    return { done: false, value: event };
  }

  private numberOf(event: SequencedEvent): number {
    return (this.o.scope.kind === 'created' ? event.created_seq : (event.matched_seq ?? event.created_seq)) ?? 0;
  }

  private fail(error: DomainError): IteratorResult<LiveItem> {
    this.detach();
    this.failing = true;
    return { done: false, value: new LiveFailure(error) };
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private finish(): IteratorResult<LiveItem> {
    if (!this.finished) {
      this.finished = true;
      this.detach();
      this.queue.end();
      this.page = [];
      this.o.onEnd();
    }
    return { done: true, value: undefined };
  }
}

/** The latest `capacity` ids (oldest forgotten first). */
class BoundedIdSet {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}
