import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSpec, TestStack, wsExecute, type TestUser } from '../../../../../test/support/stack.js';
import { until } from '../../../../../test/support/waiting.js';
import { createCamera, createPlace } from '../../../../../test/e2e/topology-fixtures.js';
import type { MediaApp } from '../../app.js';
import type { EventNotice } from './event-notice.js';
import { anotherMedia, collect, directClient, KEYS, report, type Received } from '../../../test/live-events-support.js';
import { MemoryEventFeed } from './memory-event-feed.js';

/**
 * eventCreated and eventMatched over graphql-ws through the router, fed by the configured feed
 * (PostgreSQL NOTIFY: PGlite here, the server with DATABASE_URL), with events reported to
 * POST /internal/events as an engine reports them, by this instance and by a second one.
 */

type Member = TestUser & { token: string };

let stack: TestStack;
let second: { app: MediaApp; url: string };
let slow: { app: MediaApp; url: string };
const slowFeed = new MemoryEventFeed();
let orgA: { id: number };
let orgB: { id: number };
let group: { id: number };
let adminA: Member;
let adminB: Member;
let memberA: Member;
/** cameras: a1 on a place of the group, a2 and a3 on places outside it, b1 of organization B */
const cam: Record<'a1' | 'a2' | 'a3' | 'b1', string> = { a1: '', a2: '', a3: '', b1: '' };
const placeOf: Record<string, number> = {};
const LOW_PLATE = 'LOW111';
const HIGH_PLATE = 'HIGH999';
let clock = Date.now() - 3_600_000;
/** capture times strictly increasing, within the last hour */
const nextTs = () => (clock += 10);

async function camera(admin: Member, groupId?: number): Promise<string> {
  const place = await createPlace(stack, admin.token, { latitude: 55.75, longitude: 37.61 });
  const created = await createCamera(stack, admin.token, place.id);
  if (groupId)
    expectSpec(
      await stack.rest('POST', `/groups/${groupId}/places`, { token: admin.token, json: { place_ids: [place.id] } }),
      200,
    );
  placeOf[created.id] = place.id;
  return created.id;
}

async function plateList(admin: Member, number: string, priority: string): Promise<void> {
  const plate = (await stack.rest('POST', '/plates', { token: admin.token, json: { number } })).body;
  const list = (
    await stack.rest('POST', '/platelists', { token: admin.token, json: { name: `${priority} list`, priority } })
  ).body;
  expectSpec(await stack.rest('POST', `/platelists/${list.id}/plates/${plate.id}`, { token: admin.token }), 200);
}

const ids = (r: Received) => r.events.map((e) => e.id);

/** Sends probe rounds until every subscriber has received something, so that it listens; the probes' ids. */
async function settle(subscribers: Received[], round: () => Promise<string[]>): Promise<Set<string>> {
  const probes = new Set<string>();
  await until(
    async () => {
      for (const id of await round()) probes.add(id);
      return subscribers.every((s) => s.events.length > 0 || s.errors.length > 0);
    },
    30_000,
    'every subscriber to listen',
    300,
  );
  return probes;
}

beforeAll(async () => {
  stack = await TestStack.start({ env: KEYS });
  [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  group = await stack.createGroup(orgA.id);
  [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  const user = await stack.createUser({ organizationId: orgA.id, role: 'viewer', groupIds: [group.id] });
  memberA = { ...user, token: (await stack.login(user.email, user.password)).access_token };
  cam.a1 = await camera(adminA, group.id);
  cam.a2 = await camera(adminA);
  cam.a3 = await camera(adminA);
  cam.b1 = await camera(adminB);
  await plateList(adminA, LOW_PLATE, 'low');
  await plateList(adminA, HIGH_PLATE, 'high');
  second = await anotherMedia(stack);
  slow = await anotherMedia(stack, { EVENT_SUBSCRIBER_BUFFER: '8' }, slowFeed);
}, 240_000);

afterAll(async () => {
  await slow?.app.stop();
  await second?.app.stop();
  await stack?.stop();
});

describe('eventCreated and eventMatched through the router', () => {
  it('deliver what each subscriber may see and asked for, reported to either media instance', async () => {
    const media = stack.subgraphs.media;
    const subs = {
      adminA: collect(stack.ws(adminA.token), 'eventCreated', {}),
      adminB: collect(stack.ws(adminB.token), 'eventCreated', {}),
      memberA: collect(stack.ws(memberA.token), 'eventCreated', {}),
      lineOnA2: collect(stack.ws(adminA.token), 'eventCreated', {
        filter: { cameraIds: [cam.a2], eventTypes: ['LINE_CROSSING'] },
      }),
      groupA: collect(stack.ws(adminA.token), 'eventCreated', { filter: { groupId: group.id } }),
      placeA2: collect(stack.ws(adminA.token), 'eventCreated', { filter: { placeIds: [placeOf[cam.a2]] } }),
      matchedA: collect(stack.ws(adminA.token), 'eventMatched', {}),
      highA: collect(stack.ws(adminA.token), 'eventMatched', { filter: { minPriority: 'HIGH' } }),
    };
    const probeRound = async () => [
      await report(media, { cameraId: cam.a1, type: 'line_crossing', ts: nextTs() }),
      await report(media, { cameraId: cam.a2, type: 'line_crossing', ts: nextTs() }),
      await report(media, { cameraId: cam.b1, type: 'line_crossing', ts: nextTs() }),
      await report(media, { cameraId: cam.a1, type: 'plate_recognition', ts: nextTs(), plate: HIGH_PLATE }),
    ];
    const probes = await settle(Object.values(subs), probeRound);

    // half of them to this instance, half to the second one: both reach the router's subscribers
    const e: Record<string, string> = {};
    e.a1Motion = await report(media, { cameraId: cam.a1, type: 'motion_detection', ts: nextTs() });
    e.a2Line = await report(second.url, { cameraId: cam.a2, type: 'line_crossing', ts: nextTs() });
    e.a2Motion = await report(media, { cameraId: cam.a2, type: 'motion_detection', ts: nextTs() });
    e.b1Line = await report(second.url, { cameraId: cam.b1, type: 'line_crossing', ts: nextTs() });
    e.a1Low = await report(second.url, { cameraId: cam.a1, type: 'plate_recognition', ts: nextTs(), plate: LOW_PLATE });
    e.a1High = await report(media, { cameraId: cam.a1, type: 'plate_recognition', ts: nextTs(), plate: HIGH_PLATE });
    e.a2Plate = await report(second.url, {
      cameraId: cam.a2,
      type: 'plate_recognition',
      ts: nextTs(),
      plate: 'NOPE42',
    });
    // fences: once each subscriber has its fence, everything announced before it has arrived
    const fence = {
      a1: await report(second.url, { cameraId: cam.a1, type: 'line_crossing', ts: nextTs() }),
      a2: await report(second.url, { cameraId: cam.a2, type: 'line_crossing', ts: nextTs() }),
      b1: await report(second.url, { cameraId: cam.b1, type: 'line_crossing', ts: nextTs() }),
      high: await report(second.url, { cameraId: cam.a1, type: 'plate_recognition', ts: nextTs(), plate: HIGH_PLATE }),
    };
    const fences = new Set(Object.values(fence));
    const expectations: [Received, string[], string[]][] = [
      [subs.adminA, [e.a1Motion!, e.a2Line!, e.a2Motion!, e.a1Low!, e.a1High!, e.a2Plate!], [fence.a1, fence.a2]],
      [subs.adminB, [e.b1Line!], [fence.b1]],
      [subs.memberA, [e.a1Motion!, e.a1Low!, e.a1High!], [fence.a1]],
      [subs.lineOnA2, [e.a2Line!], [fence.a2]],
      [subs.groupA, [e.a1Motion!, e.a1Low!, e.a1High!], [fence.a1]],
      [subs.placeA2, [e.a2Line!, e.a2Motion!, e.a2Plate!], [fence.a2]],
      [subs.matchedA, [e.a1Low!, e.a1High!], [fence.high]],
      [subs.highA, [e.a1High!], [fence.high]],
    ];
    for (const [sub, , awaited] of expectations)
      await until(() => awaited.every((id) => ids(sub).includes(id)), 20_000, 'the fences', 50);
    for (const [sub, expected] of expectations) {
      expect(sub.errors).toEqual([]);
      const seen = ids(sub).filter((id) => !probes.has(id) && !fences.has(id));
      expect(seen.sort()).toEqual([...expected].sort());
      expect(new Set(ids(sub)).size, 'no event twice').toBe(ids(sub).length);
    }
    const high = subs.highA.events.find((x) => x.id === e.a1High) as Record<string, any>;
    expect(high).toMatchObject({ eventType: 'PLATE_RECOGNITION', cameraId: cam.a1, organizationId: orgA.id });
    expect(high.matches).toEqual([{ plateListName: 'high list', priority: 'HIGH' }]);
    for (const sub of Object.values(subs)) sub.stop();
  });

  it('refuse cameras and places the subscriber does not see, and a bad after', async () => {
    const outcome = (token: string, variables: Record<string, unknown>) =>
      wsExecute(
        stack.ws(token),
        'subscription($filter: EventSubscriptionFilter, $after: ID) { eventCreated(filter: $filter, after: $after) { id } }',
        variables,
      );
    const codeOf = (o: any) => o.errors?.[0]?.extensions?.code ?? JSON.stringify(o);
    expect(codeOf(await outcome(memberA.token, { filter: { cameraIds: [cam.a2] } }))).toBe('NOT_FOUND');
    expect(codeOf(await outcome(adminB.token, { filter: { cameraIds: [cam.a1] } }))).toBe('NOT_FOUND');
    expect(codeOf(await outcome(adminB.token, { filter: { placeIds: [placeOf[cam.a1]] } }))).toBe('NOT_FOUND');
    const ofA = await report(stack.subgraphs.media, { cameraId: cam.a1, type: 'line_crossing', ts: nextTs() });
    expect(codeOf(await outcome(adminB.token, { after: ofA }))).toBe('NOT_FOUND');
    expect(codeOf(await outcome(adminA.token, { after: 'not-an-id' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await outcome(adminA.token, { filter: { cameraIds: [] } }))).toBe('INVALID_REQUEST');
  });

  it('resume after an event: the stored ones after it, then live ones, none missing and none twice', async () => {
    const all: string[] = [];
    const media = [stack.subgraphs.media, second.url];
    for (let i = 0; i < 10; i += 1)
      all.push(await report(media[i % 2]!, { cameraId: cam.a3, type: 'motion_detection', ts: nextTs() }));
    // events keep coming while the subscriber reconnects after the 5th
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing || i < 10; i += 1)
        all.push(await report(media[i % 2]!, { cameraId: cam.a3, type: 'motion_detection', ts: nextTs() }));
    })();
    const resumed = collect(stack.ws(adminA.token), 'eventCreated', { filter: { cameraIds: [cam.a3] }, after: all[4] });
    await until(() => resumed.events.length >= 8, 20_000, 'the backlog', 50);
    writing = false;
    await writer;
    const last = await report(stack.subgraphs.media, { cameraId: cam.a3, type: 'line_crossing', ts: nextTs() });
    all.push(last);
    await until(() => ids(resumed).includes(last), 20_000, 'the last event', 50);
    expect(resumed.errors).toEqual([]);
    expect(ids(resumed)).toEqual(all.slice(5));
    resumed.stop();
  });

  it('resume in the order events were stored: one reported late with an older capture time is replayed', async () => {
    const media = stack.subgraphs.media;
    const first = nextTs();
    const before = await report(media, { cameraId: cam.a3, type: 'line_crossing', ts: nextTs() });
    const seen = await report(media, { cameraId: cam.a3, type: 'line_crossing', ts: nextTs() });
    const seenMatch = await report(second.url, {
      cameraId: cam.a3,
      type: 'plate_recognition',
      ts: nextTs(),
      plate: HIGH_PLATE,
    });
    // reported after `seen`, captured before everything above (an engine that was cut off and caught up)
    const late = await report(second.url, { cameraId: cam.a3, type: 'line_crossing', ts: first - 5_000 });
    const lateMatch = await report(media, {
      cameraId: cam.a3,
      type: 'plate_recognition',
      ts: first - 4_000,
      plate: LOW_PLATE,
    });
    const after = await report(media, { cameraId: cam.a3, type: 'line_crossing', ts: nextTs() });
    const created = collect(stack.ws(adminA.token), 'eventCreated', {
      filter: { cameraIds: [cam.a3], eventTypes: ['LINE_CROSSING'] },
      after: seen,
    });
    const matched = collect(stack.ws(adminA.token), 'eventMatched', {
      filter: { cameraIds: [cam.a3] },
      after: seenMatch,
    });
    await until(() => ids(created).includes(after) && ids(matched).includes(lateMatch), 20_000, 'the replay', 50);
    expect(created.errors).toEqual([]);
    expect(ids(created)).toEqual([late, after]);
    expect(ids(created)).not.toContain(before);
    expect(matched.errors).toEqual([]);
    expect(ids(matched)).toEqual([lateMatch]);
    created.stop();
    matched.stop();
  });

  it('closes a subscriber that falls behind with subscriber_too_slow and keeps its buffer bounded', async () => {
    const client = directClient(slow.url, adminA.token);
    const sub = collect(client, 'eventCreated', {});
    const live = slow.app.services().liveEvents;
    await until(() => live.stats().subscribers === 1, 10_000, 'the subscriber', 20);
    const notice = (i: number): EventNotice => ({
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'created',
      eventType: 'motion_detection',
      cameraId: cam.a1,
      organizationId: orgA.id,
      placeId: placeOf[cam.a1]!,
      ts: nextTs(),
    });
    // a burst: 50 notices arrive before the subscriber can take the second
    await Promise.all(Array.from({ length: 50 }, (_, i) => slowFeed.announce(notice(i))));
    await until(() => sub.completed || sub.failure, 10_000, 'the subscription to end', 20);
    expect(sub.failure).toBeUndefined();
    expect(sub.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('fell more than 8 events behind'),
        extensions: expect.objectContaining({ code: 'UNAVAILABLE', status: 'subscriber_too_slow' }),
      }),
    ]);
    expect(live.stats()).toMatchObject({ subscribers: 0, waiting: 0 });
    expect(slowFeed.listeners).toBe(0);
    await client.dispose();
  });
});
