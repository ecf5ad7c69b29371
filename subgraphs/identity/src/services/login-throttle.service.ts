import { createHash } from 'node:crypto';
import { QuotaExceededError, type Logger } from '@argus/core';
import type { LoginThrottleConfig } from '../config.js';
import type { LoginThrottleRepository, ThrottleRule } from '../repositories/login-throttle.repository.js';

/** A sign-in refused because its account or its client address used up its attempts (REST 429 + Retry-After). */
export class LoginThrottledError extends QuotaExceededError {
  constructor(readonly retryAfter: number) {
    super('Too many failed sign-in attempts: try again later', 'too_many_requests');
  }
}

/** The keys one sign-in attempt is counted under. */
export interface AttemptKeys {
  readonly account: string;
  readonly ip?: string;
}

/** What the throttle decided about one attempt before its password is checked. */
export interface Admission {
  readonly keys: AttemptKeys;
}

/**
 * Brute-force protection of the password grant: every attempt is counted per account (the
 * e-mail as given, whether or not a user has it) and per client address before the password is
 * checked; past the budget the key is locked, each lock twice as long as the previous one up to a
 * cap. A success clears the account's count and gives the address its attempt back.
 */
export class LoginThrottleService {
  private readonly account: ThrottleRule;
  private readonly ip: ThrottleRule;

  constructor(
    private readonly throttles: LoginThrottleRepository,
    private readonly config: LoginThrottleConfig,
    private readonly logger: Logger,
  ) {
    const common = {
      windowSeconds: config.windowSeconds,
      lockSeconds: config.lockSeconds,
      maxLockSeconds: config.maxLockSeconds,
    };
    this.account = { ...common, maxFailures: config.accountMaxFailures };
    this.ip = { ...common, maxFailures: config.ipMaxFailures };
  }

  /**
   * Counts the attempt; throws LoginThrottledError when the address or the account is locked.
   * `onAccountLocked` runs once when this attempt locks the account (to audit it).
   */
  async admit(
    username: string,
    clientIp: string | undefined,
    onAccountLocked: (lockSeconds: number) => Promise<void>,
  ): Promise<Admission> {
    const keys: AttemptKeys = {
      account: keyOf('account', username.trim().toLowerCase()),
      ip: clientIp ? keyOf('ip', clientIp) : undefined,
    };
    if (keys.ip) {
      const byIp = await this.throttles.attempt(keys.ip, this.ip);
      if (byIp.justLocked)
        this.logger.warn({ clientIp, retryAfter: byIp.retryAfterSeconds }, 'sign-in locked for a client address');
      if (byIp.retryAfterSeconds !== undefined) throw new LoginThrottledError(byIp.retryAfterSeconds);
    }
    const byAccount = await this.throttles.attempt(keys.account, this.account);
    if (byAccount.justLocked) {
      this.logger.warn({ clientIp, retryAfter: byAccount.retryAfterSeconds }, 'sign-in locked for an account');
      await onAccountLocked(byAccount.retryAfterSeconds!);
    }
    if (byAccount.retryAfterSeconds !== undefined) throw new LoginThrottledError(byAccount.retryAfterSeconds);
    return { keys };
  }

  /** The attempt signed in: the account starts afresh and the address gets its attempt back. */
  async succeeded(admission: Admission): Promise<void> {
    await this.throttles.clear(admission.keys.account);
    if (admission.keys.ip) await this.throttles.giveBack(admission.keys.ip);
  }

  sweep(): Promise<number> {
    return this.throttles.deleteStale(this.config.windowSeconds);
  }
}

/** Keys are hashed: no e-mail is stored for an unknown account, and any input fits the column. */
function keyOf(kind: 'account' | 'ip', value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex')}`;
}
