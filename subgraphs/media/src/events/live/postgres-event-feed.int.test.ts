import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@argus/core';
import { openTestDatabase } from '../../../../../test/support/database.js';
import type { EventNotice, LiveEventFeed } from './event-notice.js';
import { openEventFeed } from './open-event-feed.js';

const notice: EventNotice = {
  eventId: '6f1c2a4e-1111-4222-8333-444455556666',
  kind: 'created',
  eventType: 'motion_detection',
  cameraId: '6f1c2a4e-1111-4222-8333-444455556667',
  organizationId: 7,
  placeId: 12,
  ts: 1_700_000_000_123,
};

// on the embedded engine every statement of the process shares one connection by design
describe.skipIf(!process.env.DATABASE_URL)('the PostgreSQL event feed on a server', () => {
  let database: Database;
  let feed: LiveEventFeed;

  beforeAll(async () => {
    database = await openTestDatabase();
    feed = await openEventFeed({ eventFeedKind: 'postgres', natsUrl: undefined }, database);
  });
  afterAll(async () => {
    await feed?.close();
    await database?.close();
  });

  it('announces while every connection of the part pool is busy, not after the statements queued there', async () => {
    const order: string[] = [];
    const received = new Promise<void>((resolve) =>
      feed.subscribe((n) => {
        if (n.eventId !== notice.eventId) return;
        order.push('notice received');
        resolve();
      }),
    );
    // more statements than the pool has connections, each holding its connection for 2 s
    const busy = Array.from({ length: 12 }, () => sql`select pg_sleep(2)`.execute(database.db));
    let finished = false;
    const slept = busy.map((statement) =>
      statement.then(() => {
        if (!finished) order.push('a busy statement finished');
        finished = true;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await feed.announce(notice);
    order.push('announced');
    await received;
    await Promise.all(slept);
    expect(order).toEqual(['announced', 'notice received', 'a busy statement finished']);
  });
});
