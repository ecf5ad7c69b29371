import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { releasedAtEnd, SubscriptionQuota } from './subscription-quota.js';

async function* results(n: number, failAt?: number): AsyncGenerator<ExecutionResult> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('upstream failed');
    yield { data: { i } };
  }
}

describe('SubscriptionQuota', () => {
  it('gives each user up to max places, frees one per release (twice is once), and counts all users', () => {
    const quota = new SubscriptionQuota(2);
    const a1 = quota.take('a');
    const a2 = quota.take('a');
    expect(a1 && a2).toBeTruthy();
    expect(quota.take('a')).toBeUndefined();
    expect(quota.take('b')).toBeDefined();
    expect(quota.total).toBe(3);
    a1!();
    a1!();
    expect(quota.total).toBe(2);
    expect(quota.take('a')).toBeDefined();
    expect(quota.take('a')).toBeUndefined();
  });
});

describe('releasedAtEnd', () => {
  const counted = () => {
    let releases = 0;
    return { release: () => void releases++, releases: () => releases };
  };

  it('releases once when the stream ends, and passes every result', async () => {
    const c = counted();
    const seen: unknown[] = [];
    for await (const result of releasedAtEnd(results(3), c.release)) seen.push(result.data);
    expect(seen).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(c.releases()).toBe(1);
  });

  it('releases when the subscriber leaves, before the stream ends, and when the stream fails', async () => {
    const left = counted();
    const stream = releasedAtEnd(results(10), left.release);
    await stream.next();
    expect(left.releases()).toBe(0);
    await stream.return(undefined);
    expect(left.releases()).toBe(1);

    const failed = counted();
    const failing = releasedAtEnd(results(10, 1), failed.release);
    await failing.next();
    await expect(failing.next()).rejects.toThrow('upstream failed');
    expect(failed.releases()).toBe(1);
  });
});
