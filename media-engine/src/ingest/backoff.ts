export interface BackoffOptions {
  /** First delay after a failure. */
  initialMs?: number;
  /** Largest delay. */
  maxMs?: number;
  factor?: number;
  /** ± fraction of random spread, so cameras that failed together do not retry together. */
  jitter?: number;
  /** A run that stayed healthy this long resets the delays. */
  resetAfterMs?: number;
}

export const BACKOFF_DEFAULTS: Required<BackoffOptions> = {
  initialMs: 1000,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.1,
  resetAfterMs: 60_000,
};

/** Exponential backoff with a cap, reset after a healthy period. */
export class Backoff {
  private readonly o: Required<BackoffOptions>;
  private failures = 0;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.o = { ...BACKOFF_DEFAULTS, ...options };
  }

  /** The delay before the next start, given how long the run that just ended was healthy. */
  next(healthyMs = 0): number {
    if (healthyMs >= this.o.resetAfterMs) this.failures = 0;
    const base = Math.min(this.o.maxMs, this.o.initialMs * this.o.factor ** this.failures);
    this.failures++;
    const spread = base * this.o.jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.round(Math.min(this.o.maxMs, base + spread)));
  }

  /** Consecutive failures counted so far. */
  get attempts(): number {
    return this.failures;
  }

  reset(): void {
    this.failures = 0;
  }
}
