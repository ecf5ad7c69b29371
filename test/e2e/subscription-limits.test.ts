import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestStack } from '../support/stack.js';
import { until } from '../support/waiting.js';
import { announceMotion, untilListening } from './events-fixtures.js';
import { createCamera, createPlace } from './topology-fixtures.js';

/**
 * Every subscription the router runs holds a connection to its subgraph, so a caller cannot
 * open them without bound: anonymous ones are answered by the router itself, a user holds at
 * most ROUTER_MAX_SUBSCRIPTIONS_PER_USER at once, and no WebSocket message may exceed 1 MiB.
 * A signed-in socket lives only as long as its token passes and its user's authority stays.
 */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'subscription-limits-internal-key-0123456789',
  ARGUS_TOKEN_SIGNING_KEY: 'subscription-limits-signing-key-0123456789',
  METRICS_TOKEN: 'subscription-limits-metrics-token-0123',
  ROUTER_MAX_SUBSCRIPTIONS_PER_USER: '3',
};

let stack: TestStack;

interface Subscriber {
  readonly ids: string[];
  readonly errors: { message: string; extensions?: Record<string, unknown> }[];
  completed: boolean;
  closed?: { code: number; reason: string };
  stop(): void;
}

/** A live subscription to recognition events; each one's document differs (an alias), so none is shared. */
function subscribe(client: Client, n: number): Subscriber {
  const subscriber: Subscriber = { ids: [], errors: [], completed: false, stop: () => undefined };
  subscriber.stop = client.subscribe<Record<string, { id: string }>>(
    { query: `subscription { event${n}: eventCreated { id } }` },
    {
      next: (result) => {
        if (result.errors) subscriber.errors.push(...(result.errors as Subscriber['errors']));
        if (result.data) subscriber.ids.push(result.data[`event${n}`]!.id);
      },
      error: (error) => {
        const { code, reason } = error as { code?: unknown; reason?: unknown };
        if (typeof code === 'number') subscriber.closed = { code, reason: String(reason) };
        else subscriber.errors.push({ message: String(error) });
      },
      complete: () => {
        subscriber.completed = true;
      },
    },
  );
  return subscriber;
}

/** Subscription calls the router has made to the media subgraph, from its /metrics. */
async function upstreamSubscriptions(): Promise<number> {
  const origin = stack.routerUrl.replace(/\/graphql$/, '');
  const text = await (
    await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${KEYS.METRICS_TOKEN}` } })
  ).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('graphql_gateway_subgraph_execute_duration_seconds_count') &&
        l.includes('subgraphName="media"') &&
        l.includes('operationType="subscription"'),
    );
  return Number(line?.split(' ').at(-1) ?? 0);
}

const announce = (cameraId: string) => announceMotion(stack, KEYS.ARGUS_INTERNAL_KEY, cameraId);
const listening = (cameraId: string, subscribers: Subscriber[]) =>
  untilListening(stack, KEYS.ARGUS_INTERNAL_KEY, cameraId, subscribers);

/** What the server answers a raw WebSocket client that sends `message` after the handshake. */
async function closeAfterSending(url: string, message: string): Promise<number> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(message);
  return closed;
}

beforeAll(async () => {
  stack = await TestStack.start({ env: KEYS });
}, 180_000);

afterAll(() => stack?.stop());

describe('subscription limits', () => {
  it('answers an anonymous subscription in the router, without a call to the subgraph', async () => {
    const org = await stack.createOrganization();
    const admin = await stack.member(org.id, 'administrator');
    const before = await upstreamSubscriptions();
    const anonymous = [subscribe(stack.ws(), 0), subscribe(stack.ws(), 1)];
    await until(() => anonymous.every((s) => s.completed), 10_000, 'anonymous subscriptions answered');
    for (const s of anonymous) {
      expect(s.errors).toEqual([{ message: 'Not authenticated', extensions: { code: 'UNAUTHENTICATED' } }]);
    }
    expect(await upstreamSubscriptions()).toBe(before);

    // a signed-in user's subscription does reach the subgraph (counted when it ends): the count above can move
    const signedIn = subscribe(stack.ws(admin.token), 0);
    const camera = (await createCamera(stack, admin.token, (await createPlace(stack, admin.token)).id)).id;
    await listening(camera, [signedIn]);
    signedIn.stop();
    await until(async () => (await upstreamSubscriptions()) > before, 10_000, 'the upstream subscription counted');
  });

  it('holds each user to the limit across sockets, frees a place when one ends, and leaves others alone', async () => {
    const org = await stack.createOrganization();
    const admin = await stack.member(org.id, 'administrator');
    const colleague = await stack.member(org.id, 'administrator');
    const camera = (await createCamera(stack, admin.token, (await createPlace(stack, admin.token)).id)).id;
    const [first, second] = [stack.ws(admin.token), stack.ws(admin.token)];

    const held = [subscribe(first, 0), subscribe(first, 1), subscribe(second, 2)];
    await listening(camera, held);
    const refused = subscribe(second, 3);
    await until(() => refused.completed, 10_000, 'the fourth subscription answered');
    expect(refused.errors).toEqual([
      {
        message: 'Subscription limit reached: a user may hold 3 subscriptions at once',
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED' },
      },
    ]);
    // another user of the same organization is not held to the first one's count
    const other = subscribe(stack.ws(colleague.token), 0);
    await listening(camera, [other]);
    // the refusal left the others running, and the sockets open
    const event = await announce(camera);
    await until(() => [...held, other].every((s) => s.ids.includes(event)), 10_000, 'delivery to all held');
    expect(held.flatMap((s) => s.errors)).toEqual([]);

    // one ends: its place is free again
    held[0]!.stop();
    const replacement = subscribe(first, 4);
    await listening(camera, [replacement]);
    expect(replacement.errors).toEqual([]);
    // a socket that closes frees all of its places
    await first.dispose();
    const later = [subscribe(stack.ws(admin.token), 5), subscribe(stack.ws(admin.token), 6)];
    await listening(camera, later);
    expect(later.flatMap((s) => s.errors)).toEqual([]);
    for (const s of [...held, other, ...later]) s.stop();
  });

  it('closes a socket that sends a message over 1 MiB (router and subgraph), and reads one under it', async () => {
    const token = (await stack.login('admin@argus.local', 'secret-pass')).access_token;
    const init = (pad: number) =>
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}`, pad: 'x'.repeat(pad) } });
    const router = stack.routerUrl.replace(/^http/, 'ws');
    const media = stack.subgraphs.media.replace(/^http/, 'ws');
    expect(await closeAfterSending(router, init(2 * 1024 * 1024))).toBe(1009);
    expect(await closeAfterSending(media, init(2 * 1024 * 1024))).toBe(1009);

    // just under the limit: acknowledged
    const socket = new WebSocket(router, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const answer = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(init(1024 * 1024 - 1024));
    expect(JSON.parse(await answer)).toEqual({ type: 'connection_ack' });
    socket.close();
  });
});

describe('a signed-in socket', () => {
  it('is closed with 4401 as soon as its token is revoked; another session of the user goes on', async () => {
    const org = await stack.createOrganization();
    const admin = await stack.member(org.id, 'administrator');
    const second = (await stack.login(admin.email, admin.password)).access_token;
    const camera = (await createCamera(stack, admin.token, (await createPlace(stack, admin.token)).id)).id;
    const [revoked, kept] = [subscribe(stack.ws(admin.token), 0), subscribe(stack.ws(second), 1)];
    await listening(camera, [revoked, kept]);

    const res = await stack.rest('POST', '/token/revoke', { form: { token: admin.token } });
    expect(res.status).toBe(204);
    await until(() => revoked.closed !== undefined, 3_000, 'the revoked session closed');
    expect(revoked.closed).toEqual({ code: 4401, reason: 'Unauthorized: the token is no longer valid' });
    const later = await announce(camera);
    await until(() => kept.ids.includes(later), 10_000, 'delivery to the other session');
    expect(revoked.ids).not.toContain(later);
    expect(kept.closed).toBeUndefined();
    kept.stop();
  });

  it("is closed with 1012 when its user's authority changes, and a new one subscribes with the new authority", async () => {
    const org = await stack.createOrganization();
    const admin = await stack.member(org.id, 'administrator');
    const role = await stack.createRole(['event_read']);
    const watcher = await stack.member(org.id, role);
    const camera = (await createCamera(stack, admin.token, (await createPlace(stack, admin.token)).id)).id;
    const [changed, bystander] = [subscribe(stack.ws(watcher.token), 0), subscribe(stack.ws(admin.token), 1)];
    await listening(camera, [changed, bystander]);

    const granted = await stack.rest('POST', '/permissions', {
      token: stack.adminToken,
      json: { role_id: role, permission: 'camera_read' },
    });
    expect(granted.status).toBe(200);
    await until(() => changed.closed !== undefined, 3_000, 'the session closed');
    expect(changed.closed).toEqual({ code: 1012, reason: 'Authority changed: subscribe again' });
    expect(bystander.closed).toBeUndefined();
    const again = subscribe(stack.ws(watcher.token), 2);
    await listening(camera, [again]);
    expect(again.errors).toEqual([]);
    for (const s of [bystander, again]) s.stop();
  });
});
