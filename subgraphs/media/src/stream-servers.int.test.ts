import { migrateSchema } from '@argus/core';
import {
  STREAMING_MIGRATIONS,
  STREAMING_SCHEMA,
  StreamServerRepository,
  streamingDb,
} from '@argus/media-engine/cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type MediaHarness } from '../test/harness.js';

/** Query.streamServers: the stream servers the media engine lists as live. */

const QUERY = '{ streamServers { id group tags host startedAt heartbeatAt } }';
let h: MediaHarness;

beforeAll(async () => {
  h = await startMedia();
});
afterAll(() => h?.stop());

describe('streamServers', () => {
  it('is empty before any media engine ran', async () => {
    expect((await h.admin.request(QUERY)).data).toEqual({ streamServers: [] });
  });

  it('lists the live stream servers, not those whose heartbeat is older than their TTL', async () => {
    await migrateSchema(h.database.db, STREAMING_SCHEMA, STREAMING_MIGRATIONS);
    const servers = new StreamServerRepository(streamingDb(h.database.db));
    await servers.heartbeat({ id: 'edge-2', group: null, tags: [], host: null, ttlMs: 60_000 }, true);
    await servers.heartbeat(
      { id: 'edge-1', group: 'north', tags: ['gpu', 'lpr'], host: 'edge-1.lan', ttlMs: 60_000 },
      true,
    );
    await servers.heartbeat({ id: 'gone', group: null, tags: [], host: null, ttlMs: 1 }, true);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const { data, errors } = await h.admin.request<{ streamServers: Record<string, unknown>[] }>(QUERY);
    expect(errors).toBeUndefined();
    expect(data!.streamServers.map(({ startedAt: _s, heartbeatAt: _h, ...rest }) => rest)).toEqual([
      { id: 'edge-1', group: 'north', tags: ['gpu', 'lpr'], host: 'edge-1.lan' },
      { id: 'edge-2', group: null, tags: [], host: null },
    ]);
    expect(Date.parse(String(data!.streamServers[0]!.heartbeatAt))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('needs streamserver_read', async () => {
    const organizationId = await h.organization();
    const allowed = await h.user({ organizationId, permissions: ['streamserver_read'] });
    const denied = await h.user({ organizationId, permissions: ['stream_read'] });
    expect((await allowed.request(QUERY)).data?.streamServers).toHaveLength(2);
    const refused = await denied.request(QUERY);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
