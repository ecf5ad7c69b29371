import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const b = new Backoff({ initialMs: 1000, maxMs: 8000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => b.next())).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(b.attempts).toBe(6);
  });

  it('starts over after a healthy run, not after a short one', () => {
    const b = new Backoff({ initialMs: 500, maxMs: 10_000, jitter: 0, resetAfterMs: 60_000 });
    b.next();
    b.next();
    b.next();
    expect(b.next(59_000)).toBe(4000);
    expect(b.next(60_000)).toBe(500);
  });

  it('spreads delays by the jitter, within the cap', () => {
    const low = new Backoff({ initialMs: 1000, jitter: 0.1 }, () => 0);
    const high = new Backoff({ initialMs: 1000, maxMs: 1000, jitter: 0.1 }, () => 1);
    expect(low.next()).toBe(900);
    expect(high.next()).toBe(1000);
  });
});
