import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { pgliteOf, type Database, type Viewer } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase } from '../../test/support/database.js';
import { ViewerCache } from './viewer-cache.js';
import { VIEWER_CHANGES_CHANNEL } from './viewer-changes.js';
import { STALENESS_BOUND_MS } from './viewer-feed.js';
import { relayedViewerFeed, relayViewerChanges, type RelayPort, type ViewerChangeRelay } from './viewer-relay.js';

/**
 * Identity's notices on the embedded database relayed to a router in another process: the two
 * ends joined here by a MessageChannel (ordered like the IPC channel of a worker process).
 */
function portOf(port: MessagePort, paused: () => boolean = () => false): RelayPort {
  return {
    send: (message) => {
      if (!paused()) port.postMessage(message);
    },
    listen: (listener) => {
      port.on('message', listener);
      return () => port.off('message', listener);
    },
  };
}

const viewer = (userId: number, tokenId: string): Viewer => ({
  userId,
  organizationId: 1,
  isSuperuser: false,
  roleId: 3,
  permissions: [],
  groupIds: [],
  tokenId,
});

describe.skipIf(process.env.DATABASE_URL)(
  'identity notices relayed from the process owning the embedded database',
  () => {
    let database: Database;
    let relay: ViewerChangeRelay;
    const channel = new MessageChannel();
    let echoing = true;

    beforeAll(async () => {
      database = await openTestDatabase();
      relay = await relayViewerChanges(pgliteOf(database)!);
      relay.attach(portOf(channel.port1, () => !echoing));
    });

    afterAll(async () => {
      await relay?.stop();
      channel.port1.close();
      await database?.close();
    });

    it('drops what a notice touches before a request trusts the cache, and stops trusting a silent relay', async () => {
      const cache = new ViewerCache();
      const feed = relayedViewerFeed(portOf(channel.port2), cache);
      await feed.start();
      try {
        expect(feed.current()).toBe(false);
        await vi.waitFor(() => expect(feed.current()).toBe(true), { timeout: 2_000, interval: 5 });

        cache.set('t-1', viewer(7, 't-1'), Date.now() + 60_000, cache.mark());
        cache.set('t-2', viewer(8, 't-2'), Date.now() + 60_000, cache.mark());
        await pgliteOf(database)!.query(`select pg_notify('${VIEWER_CHANGES_CHANNEL}', 'token:t-1')`);
        // applied within the staleness bound (the window during which a current feed may lag a notice)
        const notifiedAt = performance.now();
        await vi.waitFor(() => expect(cache.get('t-1')).toBeUndefined(), { timeout: 2_000, interval: 1 });
        expect(performance.now() - notifiedAt).toBeLessThanOrEqual(STALENESS_BOUND_MS);
        expect(cache.get('t-2')?.userId).toBe(8);

        await pgliteOf(database)!.query(`select pg_notify('${VIEWER_CHANGES_CHANNEL}', 'user:8')`);
        await vi.waitFor(() => expect(cache.get('t-2')).toBeUndefined(), { timeout: 2_000, interval: 1 });

        // the relay stops answering: within the staleness bound the cache is no longer trusted
        echoing = false;
        const silentSince = performance.now();
        await vi.waitFor(() => expect(feed.current()).toBe(false), { timeout: 2_000, interval: 1 });
        expect(performance.now() - silentSince).toBeLessThanOrEqual(STALENESS_BOUND_MS + 50);
        echoing = true;
        await vi.waitFor(() => expect(feed.current()).toBe(true), { timeout: 3_000, interval: 5 });
      } finally {
        await feed.stop();
      }
      expect(feed.current()).toBe(false);
    });
  },
);
