import { randomUUID } from 'node:crypto';
import { migrateSchema, type Database } from '@argus/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { CameraLeaseRepository } from './camera-lease.repository.js';
import { StreamServerRepository } from './stream-server.repository.js';
import { STREAMING_MIGRATIONS, STREAMING_SCHEMA, streamingDb } from './streaming-db.js';

let database: Database;
let leases: CameraLeaseRepository;
let servers: StreamServerRepository;

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateSchema(database.db, STREAMING_SCHEMA, STREAMING_MIGRATIONS);
  leases = new CameraLeaseRepository(streamingDb(database.db));
  servers = new StreamServerRepository(streamingDb(database.db));
});

afterAll(async () => {
  await database?.close();
});

/** Moves a lease's expiry into the past, as if its holder had stopped renewing it long ago. */
async function expire(cameraId: string): Promise<void> {
  await streamingDb(database.db)
    .updateTable('camera_leases')
    .set({ expires_at: sql`now() - interval '1 second'` })
    .where('camera_id', '=', cameraId)
    .execute();
}

describe('camera leases', () => {
  it('many concurrent claims of one camera: exactly one server wins', async () => {
    for (let round = 0; round < 5; round++) {
      const camera = randomUUID();
      const contenders = Array.from({ length: 24 }, (_, i) => `server-${round}-${i}`);
      const results = await Promise.all(contenders.map((id) => leases.claim(id, [camera], 10_000)));
      const winners = contenders.filter((_, i) => results[i]!.length === 1);
      expect(winners).toHaveLength(1);
      const held = (await leases.listValid()).filter((l) => l.camera_id === camera);
      expect(held.map((l) => l.streamserver_id)).toEqual(winners);
    }
  });

  it('concurrent claims of overlapping camera sets never give one camera to two servers', async () => {
    const cameras = Array.from({ length: 12 }, () => randomUUID());
    const contenders = Array.from({ length: 8 }, (_, i) => `overlap-${i}`);
    // each asks for a different, overlapping slice in a different order
    const asked = contenders.map((_, i) => [...cameras.slice(i), ...cameras.slice(0, i)].slice(0, 7).reverse());
    const results = await Promise.all(contenders.map((id, i) => leases.claim(id, asked[i]!, 10_000)));
    const owners = new Map<string, string[]>();
    results.forEach((got, i) =>
      got.forEach(({ cameraId }) => owners.set(cameraId, [...(owners.get(cameraId) ?? []), contenders[i]!])),
    );
    for (const holders of owners.values()) expect(holders).toHaveLength(1);
    expect(owners.size).toBe(cameras.length);
  });

  it('the holder renews (keeping acquired_at); others wait for expiry, then take it over', async () => {
    const camera = randomUUID();
    const [first] = await leases.claim('holder', [camera], 10_000);
    expect(first).toBeDefined();
    expect(await leases.claim('other', [camera], 10_000)).toEqual([]);
    const [renewed] = await leases.claim('holder', [camera], 10_000);
    expect(renewed!.acquiredAt.getTime()).toBe(first!.acquiredAt.getTime());

    await expire(camera);
    const [taken] = await leases.claim('other', [camera], 10_000);
    expect(taken!.cameraId).toBe(camera);
    expect(await leases.claim('holder', [camera], 10_000)).toEqual([]);
  });

  it('a short TTL expires by the database clock', async () => {
    const camera = randomUUID();
    expect(await leases.claim('brief', [camera], 300)).toHaveLength(1);
    expect(await leases.claim('patient', [camera], 10_000)).toEqual([]);
    const deadline = Date.now() + 10_000;
    let taken: unknown[] = [];
    while (taken.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      taken = await leases.claim('patient', [camera], 10_000);
    }
    expect(taken).toHaveLength(1);
  });

  it("release gives up only the caller's own leases", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await leases.claim('mine', [a], 10_000);
    await leases.claim('theirs', [b], 10_000);
    await leases.release('mine', [a, b]);
    const valid = new Map((await leases.listValid()).map((l) => [l.camera_id, l.streamserver_id]));
    expect(valid.has(a)).toBe(false);
    expect(valid.get(b)).toBe('theirs');
    await leases.releaseAll('theirs');
    expect((await leases.listValid()).some((l) => l.camera_id === b)).toBe(false);
  });
});

describe('stream servers', () => {
  it('registers, heartbeats, lists the live ones and forgets who deregisters', async () => {
    await servers.heartbeat({ id: 'live-1', group: 'north', tags: ['gpu'], host: 'h1', ttlMs: 10_000 }, true);
    await servers.heartbeat({ id: 'gone-1', group: null, tags: [], host: null, ttlMs: 200 }, true);
    const first = (await servers.listLive()).find((s) => s.id === 'live-1')!;
    expect(first).toMatchObject({ group: 'north', tags: ['gpu'], host: 'h1', ttl_ms: 10_000 });
    await servers.heartbeat({ id: 'live-1', group: 'north', tags: ['gpu', 'lpr'], host: 'h1', ttlMs: 10_000 });
    const second = (await servers.listLive()).find((s) => s.id === 'live-1')!;
    expect(second.tags).toEqual(['gpu', 'lpr']);
    expect(second.started_at.getTime()).toBe(first.started_at.getTime());
    expect(second.heartbeat_at.getTime()).toBeGreaterThanOrEqual(first.heartbeat_at.getTime());

    const deadline = Date.now() + 10_000;
    while ((await servers.listLive()).some((s) => s.id === 'gone-1')) {
      if (Date.now() > deadline) throw new Error('gone-1 still listed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await servers.remove('live-1');
    expect((await servers.listLive()).map((s) => s.id)).not.toContain('live-1');
  });
});
