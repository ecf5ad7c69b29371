import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '@argus/core';
import type { LoginThrottleConfig } from '../config.js';
import { LoginThrottledError } from './login-throttle.service.js';
import { PASSWORD, openIdentity, rejection, unique, type Identity } from '../../test/fixtures.js';

let id: Identity;
let organizationId: number;

beforeAll(async () => {
  id = await openIdentity();
  organizationId = (await id.organization()).id;
});
afterAll(() => id?.close());

const DEFAULTS: LoginThrottleConfig = {
  accountMaxFailures: 5,
  ipMaxFailures: 50,
  windowSeconds: 900,
  lockSeconds: 60,
  maxLockSeconds: 900,
};
const grant = (username: string, password: string) => ({ grantType: 'password', username, password });
const ip = () => `198.51.100.${(Number(unique('')) % 200) + 1}`;
const services = (overrides: Partial<LoginThrottleConfig> = {}) =>
  id.servicesWith({ loginThrottle: { ...DEFAULTS, ...overrides } });

/** Ends the lock of an account as if its time had passed. */
async function expireLock(email: string): Promise<void> {
  const key = `account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;
  await id.db
    .updateTable('login_throttles')
    .set({ locked_until: sql`now() - interval '1 second'` })
    .where('key', '=', key)
    .execute();
}

async function outcomes(
  tokens: ReturnType<typeof services>['tokens'],
  email: string,
  password: string,
  times: number,
  from?: string,
): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < times; i += 1) {
    const result = await tokens.login(grant(email, password), from).then(
      () => 'ok',
      (error: unknown) => error,
    );
    seen.push(
      result === 'ok'
        ? 'ok'
        : result instanceof LoginThrottledError
          ? `429:${result.retryAfter}`
          : result instanceof UnauthenticatedError
            ? '401'
            : String(result),
    );
  }
  return seen;
}

describe('per account', () => {
  it('locks after 5 failures, then refuses the right password too; an unknown e-mail alike', async () => {
    const { row } = await id.user({ organizationId });
    const unknown = `${unique('ghost')}@example.test`;
    for (const email of [row.email, unknown]) {
      expect(await outcomes(id.services.tokens, email, 'wrong-password', 6, ip())).toEqual([
        '401',
        '401',
        '401',
        '401',
        '401',
        '429:60',
      ]);
      const locked = await rejection(id.services.tokens.login(grant(email, PASSWORD), ip()));
      expect(locked).toBeInstanceOf(LoginThrottledError);
      expect(locked).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        status: 'too_many_requests',
        message: 'Too many failed sign-in attempts: try again later',
      });
      expect((locked as LoginThrottledError).retryAfter).toBeGreaterThan(55);
    }
  });

  it('counts the e-mail whatever its case and surrounding spaces, from any address', async () => {
    const { row } = await id.user({ organizationId });
    const variants = [row.email, row.email.toUpperCase(), ` ${row.email}`, row.email, row.email];
    for (const email of variants)
      expect(await rejection(id.services.tokens.login(grant(email, 'wrong-password'), ip()))).toBeInstanceOf(
        UnauthenticatedError,
      );
    expect(await rejection(id.services.tokens.login(grant(row.email, PASSWORD), ip()))).toBeInstanceOf(
      LoginThrottledError,
    );
  });

  it('audits the lock of an existing account as user_login with its reason, once', async () => {
    const { row } = await id.user({ organizationId });
    await outcomes(id.services.tokens, row.email, 'wrong-password', 8, '203.0.113.99');
    const { items } = await id.services.auditLogs.list(id.admin, {
      userIds: [row.id],
      actionTypes: ['user_login'],
      limit: 10,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      client_ip: '203.0.113.99',
      meta: { outcome: 'refused', reason: 'too_many_failed_logins', locked_seconds: 60 },
    });
  });

  it('a successful sign-in starts the account afresh', async () => {
    const { row } = await id.user({ organizationId });
    expect(await outcomes(id.services.tokens, row.email, 'wrong-password', 4)).toEqual(['401', '401', '401', '401']);
    await id.services.tokens.login(grant(row.email, PASSWORD));
    expect(await outcomes(id.services.tokens, row.email, 'wrong-password', 6)).toEqual([
      '401',
      '401',
      '401',
      '401',
      '401',
      '429:60',
    ]);
  });

  it('after a lock allows one attempt, and each further failure locks twice as long, up to the cap', async () => {
    const { row } = await id.user({ organizationId });
    const tokens = services({ lockSeconds: 10, maxLockSeconds: 30 }).tokens;
    expect(await outcomes(tokens, row.email, 'wrong-password', 6)).toEqual([
      '401',
      '401',
      '401',
      '401',
      '401',
      '429:10',
    ]);
    const after: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      await expireLock(row.email);
      after.push(...(await outcomes(tokens, row.email, 'wrong-password', 2)));
    }
    expect(after).toEqual(['401', '429:20', '401', '429:30', '401', '429:30']);
    await expireLock(row.email);
    await expect(tokens.login(grant(row.email, PASSWORD))).resolves.toBeDefined();
  });

  it('a burst of parallel attempts gets no more than the budget checked', async () => {
    const { row } = await id.user({ organizationId });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => id.services.tokens.login(grant(row.email, 'wrong-password'))),
    );
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason : undefined));
    expect(reasons.filter((e) => e instanceof UnauthenticatedError)).toHaveLength(5);
    expect(reasons.filter((e) => e instanceof LoginThrottledError)).toHaveLength(7);
  });

  it('holds across instances sharing the database', async () => {
    const { row } = await id.user({ organizationId });
    const [one, two] = [services().tokens, services().tokens];
    for (let i = 0; i < 5; i += 1) await rejection((i % 2 ? one : two).login(grant(row.email, 'wrong-password')));
    expect(await rejection(one.login(grant(row.email, PASSWORD)))).toBeInstanceOf(LoginThrottledError);
    expect(await rejection(two.login(grant(row.email, PASSWORD)))).toBeInstanceOf(LoginThrottledError);
  });
});

describe('per client address', () => {
  it('locks an address that fails across many accounts, not the others; its successes give attempts back', async () => {
    const tokens = services({ ipMaxFailures: 4 }).tokens;
    const [noisy, quiet] = ['192.0.2.10', '192.0.2.11'];
    const { row } = await id.user({ organizationId });
    await tokens.login(grant(row.email, PASSWORD), noisy);
    for (let i = 0; i < 4; i += 1)
      expect(
        await rejection(tokens.login(grant(`${unique('spray')}@example.test`, 'x-password'), noisy)),
      ).toBeInstanceOf(UnauthenticatedError);
    const locked = await rejection(tokens.login(grant(row.email, PASSWORD), noisy));
    expect(locked).toBeInstanceOf(LoginThrottledError);
    await expect(tokens.login(grant(row.email, PASSWORD), quiet)).resolves.toBeDefined();
  });
});

describe('sweep', () => {
  it('forgets keys quiet for a whole window and keeps the others', async () => {
    const [quiet, busy] = [`${unique('quiet')}@example.test`, `${unique('busy')}@example.test`];
    for (const email of [quiet, busy]) await rejection(id.services.tokens.login(grant(email, 'wrong-password')));
    const keyOf = (email: string) => `account:${createHash('sha256').update(email).digest('hex')}`;
    await id.db
      .updateTable('login_throttles')
      .set({ last_failure_at: sql`now() - interval '901 seconds'` })
      .where('key', '=', keyOf(quiet))
      .execute();
    expect(await id.services.loginThrottle.sweep()).toBeGreaterThanOrEqual(1);
    const left = await id.db
      .selectFrom('login_throttles')
      .select('key')
      .where('key', 'in', [keyOf(quiet), keyOf(busy)])
      .execute();
    expect(left.map((r) => r.key)).toEqual([keyOf(busy)]);
  });
});

describe('the current password of a signed-in user', () => {
  it('is counted like a sign-in: a stolen access token cannot guess it', async () => {
    const { row, viewer } = await id.user({ organizationId });
    const tries: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const error = await rejection(id.services.users.changePassword(viewer, 'wrong-password', 'a-new-password-1'));
      tries.push(error instanceof LoginThrottledError ? '429' : error.constructor.name);
    }
    expect(tries).toEqual([
      'InvalidRequestError',
      'InvalidRequestError',
      'InvalidRequestError',
      'InvalidRequestError',
      'InvalidRequestError',
      '429',
    ]);
    expect(await rejection(id.services.users.changePassword(viewer, PASSWORD, 'a-new-password-1'))).toBeInstanceOf(
      LoginThrottledError,
    );
    expect(await rejection(id.services.tokens.login(grant(row.email, PASSWORD), ip()))).toBeInstanceOf(
      LoginThrottledError,
    );
  });
});
