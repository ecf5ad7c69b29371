export type Taken<T> =
  | { readonly done: false; readonly overflow: false; readonly value: T }
  | { readonly done: true; readonly overflow: boolean };

/**
 * A bounded FIFO between a producer that must never wait (a feed, a shared execution) and one consumer: once
 * `capacity` items wait, the queue drops them all and is overflowed (the consumer is told, once,
 * and nothing is queued after that). Memory per queue is bounded by `capacity`.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private waiter: ((taken: Taken<T>) => void) | undefined;
  private ended = false;
  private overflowed = false;
  /** the most items that ever waited at once */
  peak = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get isOverflowed(): boolean {
    return this.overflowed;
  }

  /** false once the queue is overflowed or ended */
  push(item: T): boolean {
    if (this.ended || this.overflowed) return false;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter({ done: false, overflow: false, value: item });
      return true;
    }
    if (this.length >= this.capacity) {
      this.overflowed = true;
      this.items = [];
      this.head = 0;
      return false;
    }
    this.items.push(item);
    this.peak = Math.max(this.peak, this.length);
    return true;
  }

  /** The next item; `overflow` once the consumer fell behind; `done` once ended. */
  take(): Promise<Taken<T>> {
    if (this.overflowed) return Promise.resolve({ done: true, overflow: true });
    if (this.length > 0) {
      const value = this.items[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ done: false, overflow: false, value });
    }
    if (this.ended) return Promise.resolve({ done: true, overflow: false });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /**
   * Ends the queue: a waiting consumer is released with `done`. What waits is dropped, or with
   * `drain` still taken first.
   */
  end(drain = false): void {
    this.ended = true;
    if (!drain) {
      this.items = [];
      this.head = 0;
    }
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.({ done: true, overflow: false });
  }
}
