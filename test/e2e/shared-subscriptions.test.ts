import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../support/stack.js';
import { until } from '../support/waiting.js';
import { announceMotion, untilListening } from './events-fixtures.js';
import { createCamera, createPlace } from './topology-fixtures.js';

/**
 * Identical live subscriptions of one user share one execution in the router (one upstream
 * subscription, one execution per event); everyone else's, and any that resumes with `after`,
 * run apart. What each subscriber receives is unchanged: every event it may see, once.
 */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'shared-subs-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'shared-subs-signing-key-0123456789abcdef',
  METRICS_TOKEN: 'shared-subs-metrics-token-0123456789',
};
const QUERY = 'subscription { eventCreated { id cameraId } }';
const RESUMING = 'subscription($after: ID) { eventCreated(after: $after) { id cameraId } }';

let stack: TestStack;
let cameraA: string;
let cameraB: string;

interface Subscriber {
  readonly ids: string[];
  readonly errors: unknown[];
  stop(): void;
}

function subscribe(client: Client, query = QUERY, variables: Record<string, unknown> = {}): Subscriber {
  const ids: string[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe<{ eventCreated: { id: string } }>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(result.errors);
        if (result.data) ids.push(result.data.eventCreated.id);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { ids, errors, stop };
}

/** The router's shared executions and their subscribers, from its /metrics. */
async function sharing(): Promise<{ executions: number; subscribers: number }> {
  const origin = stack.routerUrl.replace(/\/graphql$/, '');
  const text = await (
    await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${KEYS.METRICS_TOKEN}` } })
  ).text();
  const value = (name: string) => Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    executions: value('argus_router_shared_subscriptions'),
    subscribers: value('argus_router_shared_subscription_subscribers'),
  };
}

const announce = (cameraId: string) => announceMotion(stack, KEYS.ARGUS_INTERNAL_KEY, cameraId);
const everyoneListening = (subscribers: Subscriber[], cameraId: string) =>
  untilListening(stack, KEYS.ARGUS_INTERNAL_KEY, cameraId, subscribers);

beforeAll(async () => {
  stack = await TestStack.start({ env: KEYS });
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  const [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  cameraA = (await createCamera(stack, adminA.token, (await createPlace(stack, adminA.token)).id)).id;
  cameraB = (await createCamera(stack, adminB.token, (await createPlace(stack, adminB.token)).id)).id;
}, 180_000);

afterAll(() => stack?.stop());

describe('identical live subscriptions', () => {
  it('of one user share one execution; other users and resumed ones run apart; each gets what it may see, once', async () => {
    const orgA = await stack.createOrganization();
    const orgB = await stack.createOrganization();
    const adminA = await stack.member(orgA.id, 'administrator');
    const secondSession = (await stack.login(adminA.email, adminA.password)).access_token;
    const operatorA = await stack.member(orgA.id, 'operator');
    const adminB = await stack.member(orgB.id, 'administrator');
    const camera = async (token: string) => (await createCamera(stack, token, (await createPlace(stack, token)).id)).id;
    const [inA, inB] = [await camera(adminA.token), await camera(adminB.token)];
    const before = await sharing();

    const first = stack.ws(adminA.token);
    const sameUser = [subscribe(first), subscribe(first), subscribe(stack.ws(secondSession))];
    const operator = subscribe(stack.ws(operatorA.token));
    const otherOrganization = subscribe(stack.ws(adminB.token));
    const resumed = subscribe(stack.ws(adminA.token), RESUMING, { after: null });
    const everyone = [...sameUser, operator, otherOrganization, resumed];
    await everyoneListening([...sameUser, operator, resumed], inA);
    await everyoneListening([otherOrganization], inB);
    // adminA's three share one; the operator and adminB have one each; the resumed one is apart
    expect(await sharing()).toEqual({ executions: before.executions + 3, subscribers: before.subscribers + 5 });

    const mark = everyone.map((s) => s.ids.length);
    const ofA = [await announce(inA), await announce(inA)];
    const ofB = await announce(inB);
    const ofOthers = await announce(cameraA);
    await until(
      () => everyone.every((s) => s.ids.includes(s === otherOrganization ? ofB : ofA[1]!)),
      10_000,
      'delivery',
    );
    await announce(cameraB);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const since = (s: Subscriber) => s.ids.slice(mark[everyone.indexOf(s)]);
    for (const s of [...sameUser, operator, resumed]) expect(since(s)).toEqual(ofA);
    expect(since(otherOrganization)).toEqual([ofB]);
    expect(everyone.flatMap((s) => s.ids)).not.toContain(ofOthers);
    expect(everyone.flatMap((s) => s.errors)).toEqual([]);

    // one of the three leaves: the others go on; when all have left, the execution stops
    sameUser[0]!.stop();
    const later = await announce(inA);
    await until(() => sameUser[1]!.ids.includes(later) && sameUser[2]!.ids.includes(later), 10_000, 'delivery');
    expect(sameUser[0]!.ids).not.toContain(later);
    expect(await sharing()).toEqual({ executions: before.executions + 3, subscribers: before.subscribers + 4 });
    // the socket of the client that started the execution closes: the other session goes on
    await first.dispose();
    const last = await announce(inA);
    await until(() => sameUser[2]!.ids.includes(last), 10_000, 'delivery after the first socket closed');
    expect(await sharing()).toEqual({ executions: before.executions + 3, subscribers: before.subscribers + 3 });
    for (const s of everyone) s.stop();
    await until(
      async () => (await sharing()).executions === before.executions,
      10_000,
      'the shared executions stopped',
    );
  });
});
