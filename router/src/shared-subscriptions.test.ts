import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SharedSubscriptions } from './shared-subscriptions.js';

/** A subscription source the test feeds by hand; counts how often it was started and stopped. */
class Source {
  started = 0;
  stopped = 0;
  private waiter: ((step: IteratorResult<ExecutionResult>) => void) | undefined;
  private waiting: IteratorResult<ExecutionResult>[] = [];
  private failure: Error | undefined;

  start = (): AsyncIterable<ExecutionResult> => {
    this.started++;
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          if (this.failure) return Promise.reject(this.failure);
          const step = this.waiting.shift();
          return step ? Promise.resolve(step) : new Promise((resolve) => (this.waiter = resolve));
        },
        return: async () => {
          this.stopped++;
          this.emit({ done: true, value: undefined });
          return { done: true, value: undefined };
        },
      }),
    };
  };

  next(n: number): void {
    this.emit({ done: false, value: { data: { n } } });
  }

  complete(): void {
    this.emit({ done: true, value: undefined });
  }

  fail(error: Error): void {
    this.failure = error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(Promise.reject(error) as never);
  }

  private emit(step: IteratorResult<ExecutionResult>): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(step);
    else this.waiting.push(step);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function join(
  shared: SharedSubscriptions,
  key: string,
  source: Source,
  onOverflow: () => void = () => undefined,
) {
  const outcome = await shared.join(key, source.start, onOverflow);
  return (outcome as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]() as AsyncGenerator<ExecutionResult>;
}

describe('shared subscriptions', () => {
  it('runs one execution per key: every subscriber gets every result from when it joined', async () => {
    const shared = new SharedSubscriptions(10);
    const source = new Source();
    const first = await join(shared, 'k', source);
    const second = await join(shared, 'k', source);
    source.next(1);
    expect(await first.next()).toEqual({ done: false, value: { data: { n: 1 } } });
    expect(await second.next()).toEqual({ done: false, value: { data: { n: 1 } } });
    const late = await join(shared, 'k', source);
    source.next(2);
    expect((await late.next()).value).toEqual({ data: { n: 2 } });
    expect((await first.next()).value).toEqual({ data: { n: 2 } });
    expect(source.started).toBe(1);
    expect([shared.running, shared.subscribers]).toEqual([1, 3]);
  });

  it('never shares between keys', async () => {
    const shared = new SharedSubscriptions(10);
    const [a, b] = [new Source(), new Source()];
    const forA = await join(shared, 'a', a);
    const forB = await join(shared, 'b', b);
    a.next(1);
    b.next(2);
    expect((await forA.next()).value).toEqual({ data: { n: 1 } });
    expect((await forB.next()).value).toEqual({ data: { n: 2 } });
    expect([a.started, b.started, shared.running]).toEqual([1, 1, 2]);
  });

  it('stops the execution when the last subscriber leaves, and starts a new one for the next', async () => {
    const shared = new SharedSubscriptions(10);
    const source = new Source();
    const first = await join(shared, 'k', source);
    const second = await join(shared, 'k', source);
    await first.return(undefined);
    source.next(1);
    expect((await second.next()).value).toEqual({ data: { n: 1 } });
    expect(source.stopped).toBe(0);
    await second.return(undefined);
    expect([source.stopped, shared.running]).toEqual([1, 0]);
    await join(shared, 'k', source);
    expect(source.started).toBe(2);
  });

  it('drops a subscriber that falls more than its capacity behind, without holding up the others', async () => {
    const shared = new SharedSubscriptions(3);
    const source = new Source();
    const dropped: string[] = [];
    const slow = await join(shared, 'k', source, () => dropped.push('slow'));
    const fast = await join(shared, 'k', source, () => dropped.push('fast'));
    for (let n = 1; n <= 5; n++) {
      source.next(n);
      expect((await fast.next()).value).toEqual({ data: { n } });
    }
    expect(dropped).toEqual(['slow']);
    expect(await slow.next()).toEqual({ done: true, value: undefined });
    expect(shared.subscribers).toBe(1);
  });

  it('delivers what is queued before the end, then ends every subscriber, and passes a failure on', async () => {
    const shared = new SharedSubscriptions(10);
    const source = new Source();
    const subscriber = await join(shared, 'k', source);
    source.next(1);
    source.complete();
    await tick();
    expect(shared.running).toBe(0);
    expect((await subscriber.next()).value).toEqual({ data: { n: 1 } });
    expect((await subscriber.next()).done).toBe(true);

    const failing = new Source();
    const other = await join(shared, 'k', failing);
    failing.fail(new Error('upstream gone'));
    await expect(other.next()).rejects.toThrow('upstream gone');
  });

  it('hands a single result (an error before any event) to everyone who joined', async () => {
    const shared = new SharedSubscriptions(10);
    const refusal = { errors: [{ message: 'Permission "event_read" is required' }] } as unknown as ExecutionResult;
    let started = 0;
    const start = async () => {
      started++;
      await tick();
      return refusal;
    };
    const [a, b] = await Promise.all([
      shared.join('k', start, () => undefined),
      shared.join('k', start, () => undefined),
    ]);
    expect([a, b]).toEqual([refusal, refusal]);
    expect([started, shared.running]).toEqual([1, 0]);
  });
});
