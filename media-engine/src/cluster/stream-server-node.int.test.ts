import { randomUUID } from 'node:crypto';
import { migrateSchema, type Database } from '@argus/core';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { CameraLeaseRepository } from './camera-lease.repository.js';
import { IngestLedger } from '../../test/fake-ingest.js';
import { ownerOf } from './rendezvous.js';
import { StaticCameraDirectory, type ScheduledCamera } from './scheduled-camera.js';
import { StreamServerNode, type StopReason } from './stream-server-node.js';
import { StreamServerRepository } from './stream-server.repository.js';
import { STREAMING_MIGRATIONS, STREAMING_SCHEMA, streamingDb } from './streaming-db.js';

/**
 * Stream servers in one process over one database, with fake ingest on one timeline: scheduling
 * by group and tags, rebalancing, failover when a server loses the database, graceful stop.
 */

const TIMING = { heartbeatMs: 250, ttlMs: 2500, leaseGuardMs: 700 };

let database: Database;
const nodes: StreamServerNode[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateSchema(database.db, STREAMING_SCHEMA, STREAMING_MIGRATIONS);
});

afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
});

afterAll(async () => {
  await database?.close();
});

/** Makes every query of one node fail while `cut` is set: the server lost its database. */
class Partition implements KyselyPlugin {
  cut = false;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.cut) throw new Error('partitioned from the database');
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

interface Cluster {
  ledger: IngestLedger;
  directory: StaticCameraDirectory;
  stops: { serverId: string; cameraId: string; reason: StopReason }[];
  add(
    id: string,
    options?: { group?: string | null; tags?: string[]; partition?: Partition },
  ): Promise<StreamServerNode>;
}

function cluster(cameras: ScheduledCamera[]): Cluster {
  const ledger = new IngestLedger();
  const directory = new StaticCameraDirectory(cameras);
  const stops: Cluster['stops'] = [];
  return {
    ledger,
    directory,
    stops,
    async add(id, options = {}) {
      const node = new StreamServerNode({
        ...TIMING,
        server: { id, group: options.group ?? null, tags: options.tags ?? [], host: `${id}.test`, ttlMs: TIMING.ttlMs },
        db: options.partition ? database.db.withPlugin(options.partition) : database.db,
        cameras: directory,
        ingest: ledger.ingest(id),
      });
      node.on('released', ({ cameraId, reason }) => stops.push({ serverId: id, cameraId, reason }));
      nodes.push(node);
      await node.start();
      return node;
    },
  };
}

const camera = (schedulerGroup: string | null = null, schedulerTags: string[] = []): ScheduledCamera => ({
  id: randomUUID(),
  source: { url: 'rtsp://camera.test/stream', transport: 'tcp' },
  schedulerGroup,
  schedulerTags,
  recording: false,
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The owner of every camera, by rendezvous over these servers (undefined: nobody). */
function expectedOwners(
  cameras: ScheduledCamera[],
  servers: { id: string; group?: string | null; tags?: string[] }[],
): Map<string, string> {
  const list = servers.map((s) => ({ id: s.id, group: s.group ?? null, tags: s.tags ?? [] }));
  return new Map(
    cameras.flatMap((c) => {
      const owner = ownerOf(c, list);
      return owner ? [[c.id, owner] as const] : [];
    }),
  );
}

const sameOwners = (ledger: IngestLedger, expected: Map<string, string>) => {
  const owners = ledger.owners();
  return (
    owners.size === expected.size && [...expected].every(([cameraId, serverId]) => owners.get(cameraId) === serverId)
  );
};

describe('scheduling stream servers', () => {
  it('gives each camera to one server of its group carrying all its tags; a camera nobody matches is not ingested', async () => {
    const plain = camera();
    const gpu = camera('north', ['gpu']);
    const north = [camera('north'), camera('north'), camera('north'), camera('north')];
    const tpu = camera('north', ['tpu']);
    const south = camera('south');
    const cameras = [plain, gpu, ...north, tpu, south];
    const c = cluster(cameras);
    const servers = [
      { id: 'sched-a' },
      { id: 'sched-b', group: 'north', tags: ['gpu', 'ssd'] },
      { id: 'sched-c', group: 'north' },
    ];
    for (const s of servers) await c.add(s.id, s);

    const expected = expectedOwners(cameras, servers);
    await until(() => sameOwners(c.ledger, expected), 15_000, 'every matching camera ingested by its server');
    expect(expected.get(plain.id)).toBe('sched-a');
    expect(expected.get(gpu.id)).toBe('sched-b');
    for (const cam of north) expect(['sched-b', 'sched-c']).toContain(expected.get(cam.id));
    // a few more rounds: still nobody takes the cameras no server matches
    const rounds = nodes.map((n) => new Promise((resolve) => n.once('tick', resolve)));
    await Promise.all(rounds);
    await Promise.all(nodes.map((n) => n.tickNow()));
    const ingested = new Set(c.ledger.intervals.map((i) => i.cameraId));
    expect(ingested.has(tpu.id)).toBe(false);
    expect(ingested.has(south.id)).toBe(false);
    expect(c.ledger.overlaps()).toEqual([]);
    const leases = new CameraLeaseRepository(streamingDb(database.db));
    expect((await leases.listValid()).filter((l) => l.camera_id === tpu.id || l.camera_id === south.id)).toEqual([]);
  });

  it('rebalances when a server joins: it takes its share, the others stop those cameras first', async () => {
    const cameras = Array.from({ length: 12 }, () => camera());
    const c = cluster(cameras);
    await c.add('join-a');
    await until(() => c.ledger.running('join-a').length === cameras.length, 15_000, 'join-a to ingest every camera');

    await c.add('join-b');
    const expected = expectedOwners(cameras, [{ id: 'join-a' }, { id: 'join-b' }]);
    const share = [...expected.values()].filter((s) => s === 'join-b').length;
    expect(share).toBeGreaterThan(0);
    await until(() => sameOwners(c.ledger, expected), 15_000, 'join-b to take its share');
    const moved = c.stops
      .filter((s) => s.serverId === 'join-a' && s.reason === 'moved')
      .map((s) => s.cameraId)
      .sort();
    expect(moved).toEqual(
      [...expected]
        .filter(([, s]) => s === 'join-b')
        .map(([id]) => id)
        .sort(),
    );
    expect(c.ledger.overlaps()).toEqual([]);
  });

  it('fails over when a server stops heart-beating: it stops its ingest before its leases expire, another takes over', async () => {
    const cameras = Array.from({ length: 10 }, () => camera());
    const c = cluster(cameras);
    const partition = new Partition();
    await c.add('fail-a', { partition });
    await c.add('fail-b');
    await until(
      () => sameOwners(c.ledger, expectedOwners(cameras, [{ id: 'fail-a' }, { id: 'fail-b' }])),
      15_000,
      'both servers ingesting',
    );
    const lost = c.ledger.running('fail-a');
    expect(lost.length).toBeGreaterThan(0);

    const stopsBefore = c.stops.length;
    partition.cut = true;
    const cutAt = performance.now();
    await until(() => c.ledger.running('fail-b').length === cameras.length, 20_000, 'fail-b to take over every camera');
    const failoverMs = performance.now() - cutAt;
    console.error(
      `failover after losing the database: ${Math.round(failoverMs)} ms (heartbeat ${TIMING.heartbeatMs} ms, TTL ${TIMING.ttlMs} ms)`,
    );
    expect(c.ledger.running('fail-a')).toEqual([]);
    expect(
      c.stops
        .slice(stopsBefore)
        .filter((s) => s.serverId === 'fail-a')
        .map((s) => s.reason),
    ).toEqual(Array(lost.length).fill('lease not renewed'));
    expect(c.ledger.overlaps()).toEqual([]);
    // it cannot take over before the leases expired
    const takeovers = c.ledger.intervals.filter((i) => i.serverId === 'fail-b' && lost.includes(i.cameraId));
    for (const t of takeovers) expect(t.from - cutAt).toBeGreaterThan(TIMING.ttlMs / 2);

    partition.cut = false;
    await until(
      () => sameOwners(c.ledger, expectedOwners(cameras, [{ id: 'fail-a' }, { id: 'fail-b' }])),
      15_000,
      'fail-a back with its share',
    );
    expect(c.ledger.overlaps()).toEqual([]);
  });

  it('a server that stops gracefully releases at once and deregisters', async () => {
    const cameras = Array.from({ length: 8 }, () => camera());
    const c = cluster(cameras);
    await c.add('stop-a');
    const b = await c.add('stop-b');
    await until(
      () => sameOwners(c.ledger, expectedOwners(cameras, [{ id: 'stop-a' }, { id: 'stop-b' }])),
      15_000,
      'both servers ingesting',
    );

    await b.stop();
    const stoppedAt = performance.now();
    await until(() => c.ledger.running('stop-a').length === cameras.length, 10_000, 'stop-a to take over');
    // released leases need no expiry: the next round or two of stop-a takes them
    expect(performance.now() - stoppedAt).toBeLessThan(TIMING.ttlMs);
    const live = await new StreamServerRepository(streamingDb(database.db)).listLive();
    expect(live.map((s) => s.id)).not.toContain('stop-b');
    expect(c.ledger.overlaps()).toEqual([]);
  });

  it("restarts ingest when a camera's source changes, keeping the lease", async () => {
    const cam = camera();
    const c = cluster([cam]);
    await c.add('settings-a');
    await until(() => c.ledger.running('settings-a').length === 1, 10_000, 'ingest');
    c.directory.set([{ ...cam, source: { ...cam.source, url: 'rtsp://camera.test/other' } }]);
    await until(
      () => c.ledger.intervals.length === 2 && c.ledger.running('settings-a').length === 1,
      10_000,
      'a restart',
    );
    expect(c.stops).toEqual([{ serverId: 'settings-a', cameraId: cam.id, reason: 'settings changed' }]);
  });
});
