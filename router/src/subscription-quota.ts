import type { ExecutionResult } from 'graphql';

type Stream = AsyncIterable<ExecutionResult>;

/**
 * Subscriptions each user holds open on this router process. Every subscription holds an
 * upstream connection to its subgraph, so one caller opening thousands would take the file
 * descriptors and memory every other caller needs; a subscription beyond `max` is refused.
 */
export class SubscriptionQuota {
  private readonly held = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Subscriptions held now, by all users. */
  get total(): number {
    let count = 0;
    for (const n of this.held.values()) count += n;
    return count;
  }

  /** A place for `user`: its release (idempotent), or undefined when the user holds `max` already. */
  take(user: string): (() => void) | undefined {
    const count = this.held.get(user) ?? 0;
    if (count >= this.max) return undefined;
    this.held.set(user, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(user) ?? 1) - 1;
      if (left <= 0) this.held.delete(user);
      else this.held.set(user, left);
    };
  }
}

/** `stream` that calls `release` once, when it ends, fails or its subscriber leaves. */
export function releasedAtEnd(stream: Stream, release: () => void): Required<AsyncIterableIterator<ExecutionResult>> {
  const iterator = stream[Symbol.asyncIterator]();
  const wrapped: Required<AsyncIterableIterator<ExecutionResult>> = {
    [Symbol.asyncIterator]: () => wrapped,
    async next() {
      try {
        const step = await iterator.next();
        if (step.done) release();
        return step;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return(value?: unknown) {
      release();
      return (await iterator.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      release();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
  };
  return wrapped;
}
