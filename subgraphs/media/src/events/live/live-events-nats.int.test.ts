import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack, type TestUser } from '../../../../../test/support/stack.js';
import { until } from '../../../../../test/support/waiting.js';
import { createCamera, createPlace } from '../../../../../test/e2e/topology-fixtures.js';
import type { MediaApp } from '../../app.js';
import { anotherMedia, collect, KEYS, report } from '../../../test/live-events-support.js';

/** The NATS JetStream feed: events reported to one media instance reach subscribers of another through the router. */

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 4222) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const natsUp = await reachable(NATS_URL);
if (!natsUp) console.error(`NATS feed tests skipped: no NATS server answers at ${NATS_URL}`);

describe.skipIf(!natsUp)(`the NATS JetStream feed (${NATS_URL})`, () => {
  let stack: TestStack;
  let second: { app: MediaApp; url: string };
  let admin: TestUser & { token: string };
  let stranger: TestUser & { token: string };
  let cameraId: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { ...KEYS, NATS_URL } });
    const [org, other] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
    [admin, stranger] = await Promise.all([
      stack.member(org.id, 'administrator'),
      stack.member(other.id, 'administrator'),
    ]);
    const place = await createPlace(stack, admin.token, { latitude: 1, longitude: 2 });
    cameraId = (await createCamera(stack, admin.token, place.id)).id;
    second = await anotherMedia(stack, { NATS_URL });
  }, 240_000);

  afterAll(async () => {
    await second?.app.stop();
    await stack?.stop();
  });

  it('carries notices between media instances, to the organization only, and resumes with after', async () => {
    const mine = collect(stack.ws(admin.token), 'eventCreated', { filter: { eventTypes: ['MOTION_DETECTION'] } });
    const theirs = collect(stack.ws(stranger.token), 'eventCreated', {});
    const sent: string[] = [];
    await until(
      async () => {
        sent.push(
          await report(second.url, { cameraId, type: 'motion_detection', ts: Date.now() - 60_000 + sent.length }),
        );
        return mine.events.length > 0;
      },
      30_000,
      'the subscriber to listen',
      300,
    );
    const first = mine.events[0]!.id;
    for (let i = 0; i < 5; i += 1)
      sent.push(await report(second.url, { cameraId, type: 'motion_detection', ts: Date.now() - 50_000 + i }));
    await report(second.url, { cameraId, type: 'line_crossing', ts: Date.now() - 40_000 });
    await until(() => mine.events.length >= sent.length - sent.indexOf(first), 20_000, 'the events', 50);
    expect(mine.events.map((e) => e.id)).toEqual(sent.slice(sent.indexOf(first)));
    expect(mine.errors).toEqual([]);

    const resumed = collect(stack.ws(admin.token), 'eventCreated', {
      filter: { eventTypes: ['MOTION_DETECTION'] },
      after: sent[sent.length - 3],
    });
    await until(() => resumed.events.length >= 2, 20_000, 'the backlog', 50);
    const more = await report(second.url, { cameraId, type: 'motion_detection', ts: Date.now() - 30_000 });
    await until(() => resumed.events.some((e) => e.id === more), 20_000, 'a live event after the backlog', 50);
    expect(resumed.events.map((e) => e.id)).toEqual([...sent.slice(-2), more]);
    expect(theirs.events).toEqual([]);
    mine.stop();
    resumed.stop();
    theirs.stop();
  });
});
