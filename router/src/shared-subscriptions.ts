import { BoundedQueue } from '@argus/core';
import type { ExecutionResult } from 'graphql';

type Outcome = ExecutionResult | AsyncIterable<ExecutionResult>;

function isStream(outcome: unknown): outcome is AsyncIterable<ExecutionResult> {
  return typeof outcome === 'object' && outcome !== null && Symbol.asyncIterator in outcome;
}

/**
 * Identical subscriptions of one caller share one execution: the first starts it (one upstream
 * subscription, one execution of every result), later ones join it and get each result from the
 * moment they join, the last one to leave stops it. The key names the caller (its token and
 * address) and the operation (document, operation name, variables, extensions), so results are
 * never shared between callers. Each subscriber has its own queue of at most `capacity` results;
 * one that falls further behind is dropped (`onOverflow`) without slowing the others.
 */
export class SharedSubscriptions {
  private readonly executions = new Map<string, SharedExecution>();

  constructor(private readonly capacity: number) {}

  /** Shared executions running now. */
  get running(): number {
    return this.executions.size;
  }

  /** Subscribers of the shared executions running now. */
  get subscribers(): number {
    let count = 0;
    for (const execution of this.executions.values()) count += execution.size;
    return count;
  }

  join(key: string, start: () => Outcome | Promise<Outcome>, onOverflow: () => void): Promise<Outcome> {
    let execution = this.executions.get(key);
    if (!execution) {
      const created = new SharedExecution(start, () => {
        if (this.executions.get(key) === created) this.executions.delete(key);
      });
      this.executions.set(key, created);
      execution = created;
    }
    return execution.join(this.capacity, onOverflow);
  }
}

class SharedExecution {
  private readonly subscribers = new Set<Subscriber>();
  private readonly started: Promise<Outcome>;
  private source: AsyncIterator<ExecutionResult> | undefined;
  private ended = false;

  get size(): number {
    return this.subscribers.size;
  }

  constructor(
    start: () => Outcome | Promise<Outcome>,
    private readonly onEnd: () => void,
  ) {
    this.started = Promise.resolve()
      .then(start)
      .then(
        (outcome) => {
          if (!isStream(outcome)) {
            this.end();
            return outcome;
          }
          this.source = outcome[Symbol.asyncIterator]();
          void this.pump(this.source);
          return outcome;
        },
        (error: unknown) => {
          this.end();
          throw error;
        },
      );
  }

  async join(capacity: number, onOverflow: () => void): Promise<Outcome> {
    const subscriber = new Subscriber(capacity, onOverflow, () => this.leave(subscriber));
    this.subscribers.add(subscriber);
    let outcome: Outcome;
    try {
      outcome = await this.started;
    } catch (error) {
      this.subscribers.delete(subscriber);
      throw error;
    }
    if (isStream(outcome)) return subscriber;
    this.subscribers.delete(subscriber);
    return outcome;
  }

  private async pump(source: AsyncIterator<ExecutionResult>): Promise<void> {
    try {
      for (;;) {
        const step = await source.next();
        if (step.done) break;
        for (const subscriber of this.subscribers) subscriber.push(step.value);
      }
      this.end();
    } catch (error) {
      this.end(error);
    }
  }

  private leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0 || this.ended) return;
    this.end();
    void this.source?.return?.()?.catch(() => undefined);
  }

  private end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    for (const subscriber of this.subscribers) subscriber.close(error);
    this.subscribers.clear();
  }
}

/** One subscriber's view of a shared execution: an async generator over its own bounded queue. */
class Subscriber implements AsyncGenerator<ExecutionResult> {
  private readonly queue: BoundedQueue<ExecutionResult>;
  private failure: { error: unknown } | undefined;
  private left = false;

  constructor(
    capacity: number,
    private readonly onOverflow: () => void,
    private readonly onLeave: () => void,
  ) {
    this.queue = new BoundedQueue(capacity);
  }

  push(result: ExecutionResult): void {
    if (!this.queue.push(result) && this.queue.isOverflowed) {
      this.leave();
      this.onOverflow();
    }
  }

  /** The execution ended: what is queued is still delivered, then the error if it failed. */
  close(error?: unknown): void {
    if (error !== undefined) this.failure = { error };
    this.queue.end(true);
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const taken = await this.queue.take();
    if (!taken.done) return { done: false, value: taken.value };
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.leave();
    this.queue.end();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncGenerator<ExecutionResult> {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  private leave(): void {
    if (this.left) return;
    this.left = true;
    this.onLeave();
  }
}
