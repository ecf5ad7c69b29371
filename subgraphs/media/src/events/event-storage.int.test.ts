import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@argus/core';
import { openTestDatabase } from '../../../../test/support/database.js';
import { expectSpec, TestStack, type TestUser } from '../../../../test/support/stack.js';
import { createCamera, createPlace } from '../../../../test/e2e/topology-fixtures.js';
import { mediaDb } from '../db.js';
import { EventRepository } from '../repositories/event.repository.js';
import { decodeDescriptor } from './descriptor.js';
import {
  cosine,
  DAY,
  descriptorData,
  KEYS,
  neighbour,
  randomUnit,
  reportOf,
  seeded,
  startEventsMedia,
  type EventsMedia,
} from '../../test/event-test-support.js';

/**
 * What the stored events become: face search through pgvector's HNSW index (PGlite), or on a server
 * without pgvector through the sign-signature prefilter, returns what the exact scan
 * (EVENT_FACE_SEARCH=exact) returns on the same data; the signatures of events stored before their
 * migration are filled in; retention drops whole day partitions with their snapshot directories.
 */

type Member = TestUser & { token: string };

const SERVER = Boolean(process.env.DATABASE_URL);
const CENTERS = 12;
/** similarities of each center's neighbours to it; none near the 0.5 threshold */
const SIMILARITIES = [0.97, 0.93, 0.9, 0.86, 0.82, 0.78, 0.74, 0.7, 0.66, 0.62, 0.58, 0.54, 0.46, 0.42, 0.38, 0.3];
const NOISE = 120;
const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The sign signature of a descriptor as PostgreSQL prints a bit(512): '1' where the value is > 0. */
const signature = (vector: Float32Array) => Array.from(vector, (v) => (v > 0 ? '1' : '0')).join('');

async function bitsColumn(database: Database): Promise<string | undefined> {
  const { rows } = await sql<{ type: string }>`select format_type(atttypid, atttypmod) as type from pg_attribute
    where attrelid = 'media.events'::regclass and attname = 'descriptor_bits' and not attisdropped`.execute(
    database.db,
  );
  return rows[0]?.type;
}

let stack: TestStack;
let adminA: Member;
let adminB: Member;
let memberA: Member;
let groupId: number;
const cam = { a1: '', a2: '', b1: '' };

async function camera(admin: Member, group?: number): Promise<string> {
  const place = await createPlace(stack, admin.token, { latitude: 55.75, longitude: 37.61 });
  const created = await createCamera(stack, admin.token, place.id);
  if (group)
    expectSpec(
      await stack.rest('POST', `/groups/${group}/places`, { token: admin.token, json: { place_ids: [place.id] } }),
      200,
    );
  return created.id as string;
}

beforeAll(async () => {
  stack = await TestStack.start({ env: KEYS });
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  groupId = (await stack.createGroup(orgA.id)).id;
  [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  const user = await stack.createUser({ organizationId: orgA.id, role: 'operator', groupIds: [groupId] });
  memberA = { ...user, token: (await stack.login(user.email, user.password)).access_token };
  cam.a1 = await camera(adminA, groupId);
  cam.a2 = await camera(adminA);
  cam.b1 = await camera(adminB);
});

afterAll(async () => {
  await stack?.stop();
});

describe(`face search: ${SERVER ? 'the signature prefilter' : 'the HNSW index'} and the exact scan`, () => {
  let database: Database;
  let indexed: EventsMedia;
  let exact: EventsMedia;
  const centers: Float32Array[] = [];
  /** every stored face event: its id, camera, capture time and descriptor as stored (L2-normalised) */
  const stored: { id: string; camera: string; ts: number; vector: Float32Array }[] = [];
  const now = Date.now();

  const SEARCH = `query($d: FaceDescriptorInput!, $t: Float!, $first: Int, $groupId: Int, $from: DateTime, $to: DateTime) {
    searchFaceEvents(descriptor: $d, threshold: $t, first: $first, groupId: $groupId, from: $from, to: $to) {
      similarity event { id cameraId }
    } }`;

  async function search(
    media: EventsMedia,
    token: string,
    query: Float32Array,
    args: { threshold?: number; first?: number; groupId?: number; from?: number; to?: number } = {},
  ): Promise<{ id: string; similarity: number }[]> {
    const answer = await media.graphql(token, SEARCH, {
      d: { data: descriptorData(query), norm: 17.25, version: 1 },
      t: args.threshold ?? 0.5,
      first: args.first ?? 1000,
      groupId: args.groupId,
      from: args.from === undefined ? undefined : new Date(args.from).toISOString(),
      to: args.to === undefined ? undefined : new Date(args.to).toISOString(),
    });
    expect(answer.errors).toBeUndefined();
    return answer.data.searchFaceEvents.map((h: any) => ({ id: h.event.id, similarity: h.similarity }));
  }

  /** What a search must find: computed here from the descriptors as stored. */
  function expected(
    query: Float32Array,
    cameras: string[],
    args: { threshold?: number; first?: number; from?: number; to?: number } = {},
  ): { id: string; similarity: number }[] {
    const q = decodeDescriptor(descriptorData(query))!;
    return stored
      .filter((e) => cameras.includes(e.camera))
      .filter((e) => (args.from === undefined || e.ts >= args.from) && (args.to === undefined || e.ts < args.to))
      .map((e) => ({ id: e.id, similarity: cosine(q, e.vector) }))
      .filter((h) => h.similarity >= (args.threshold ?? 0.5))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, args.first ?? 1000);
  }

  function expectSame(found: { id: string; similarity: number }[], wanted: { id: string; similarity: number }[]) {
    expect(found.map((h) => h.id)).toEqual(wanted.map((h) => h.id));
    found.forEach((h, i) => expect(h.similarity).toBeCloseTo(wanted[i]!.similarity, 4));
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    indexed = await startEventsMedia(stack, { database });
    exact = await startEventsMedia(stack, { database, env: { EVENT_FACE_SEARCH: 'exact' } });
    const random = seeded(20260501);
    const reports: ReturnType<typeof reportOf>[] = [];
    const add = (camera: string, vector: Float32Array) => {
      const ts = now - Math.floor(random() * 40 * 3_600_000) - 60_000;
      const report = reportOf(camera, 'face_recognition', { descriptor: vector, ts });
      reports.push(report);
      stored.push({ id: report.eventId, camera, ts, vector: decodeDescriptor(descriptorData(vector))! });
    };
    for (let c = 0; c < CENTERS; c++) {
      const center = randomUnit(random);
      centers.push(center);
      SIMILARITIES.forEach((s, i) => add(i % 2 === 0 ? cam.a1 : cam.a2, neighbour(center, s, random)));
      // organization B holds near copies of the same people
      add(cam.b1, neighbour(center, 0.95, random));
      add(cam.b1, neighbour(center, 0.6, random));
    }
    for (let n = 0; n < NOISE; n++) add(n % 3 === 0 ? cam.b1 : n % 3 === 1 ? cam.a1 : cam.a2, randomUnit(random));
    for (let i = 0; i < reports.length; i += 4) {
      const answers = await Promise.all(reports.slice(i, i + 4).map((r) => indexed.post(r)));
      for (const a of answers) expect(a.status, a.text).toBe(201);
    }
  });

  afterAll(async () => {
    await indexed?.stop();
    await exact?.stop();
    await database?.close();
  });

  it(`stores descriptors as ${SERVER ? 'real[] (no pgvector on the server)' : 'vector(512) with an HNSW index'}`, async () => {
    const { rows } = await sql<{ type: string }>`select format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = 'media.events'::regclass and attname = 'descriptor'`.execute(database.db);
    const { rows: indexes } = await sql<{ name: string }>`select indexname as name from pg_indexes
      where schemaname = 'media' and indexname = 'events_descriptor_hnsw_idx'`.execute(database.db);
    if (SERVER) {
      expect(rows[0]!.type).toBe('real[]');
      expect(indexes).toEqual([]);
    } else {
      expect(rows[0]!.type).toBe('vector(512)');
      expect(indexes).toEqual([{ name: 'events_descriptor_hnsw_idx' }]);
    }
  });

  it(`${SERVER ? 'stores the sign signature of each descriptor' : 'keeps no signatures next to pgvector'}`, async () => {
    if (!SERVER) {
      expect(await bitsColumn(database)).toBeUndefined();
      return;
    }
    expect(await bitsColumn(database)).toBe('bit(512)');
    const { rows } = await sql<{ id: string; bits: string }>`select id::text as id, descriptor_bits::text as bits
      from media.events where event_type = 'face_recognition'`.execute(database.db);
    expect(rows).toHaveLength(stored.length);
    const byId = new Map(rows.map((r) => [r.id, r.bits]));
    for (const e of stored) expect(byId.get(e.id)).toBe(signature(e.vector));
  });

  it('finds exactly the known neighbours at threshold 0.5, best first, the same on both paths', async () => {
    for (const center of centers) {
      const wanted = expected(center, [cam.a1, cam.a2]);
      expect(wanted).toHaveLength(SIMILARITIES.filter((s) => s >= 0.5).length);
      expectSame(await search(indexed, adminA.token, center), wanted);
      expectSame(await search(exact, adminA.token, center), wanted);
    }
  });

  it('the same on both paths for a stricter threshold, a smaller first and a window', async () => {
    const from = now - 20 * 3_600_000;
    const to = now - 2 * 3_600_000;
    for (const center of centers.slice(0, 6)) {
      for (const args of [{ threshold: 0.8 }, { first: 3 }, { from, to }, { threshold: 0.2, first: 7 }]) {
        const wanted = expected(center, [cam.a1, cam.a2], args);
        expectSame(await search(indexed, adminA.token, center, args), wanted);
        expectSame(await search(exact, adminA.token, center, args), wanted);
      }
    }
  });

  it('a descriptor near nobody finds nothing', async () => {
    const stranger = randomUnit(seeded(5));
    expect(await search(indexed, adminA.token, stranger)).toEqual([]);
    expect(await search(exact, adminA.token, stranger)).toEqual([]);
  });

  it('each caller finds only what they see: another organization, a group member, a group filter', async () => {
    for (const center of centers.slice(0, 4)) {
      for (const media of [indexed, exact]) {
        expectSame(await search(media, adminB.token, center), expected(center, [cam.b1]));
        expectSame(await search(media, memberA.token, center), expected(center, [cam.a1]));
        expectSame(await search(media, adminA.token, center, { groupId }), expected(center, [cam.a1]));
      }
    }
  });

  it.runIf(SERVER)(
    'by default compares only the signature candidates; an event without a signature always',
    async () => {
      const center = centers[0]!;
      const wanted = expected(center, [cam.a1, cam.a2]);
      const best = wanted[0]!.id;
      const setBits = (bits: ReturnType<typeof sql>) =>
        sql`update media.events set descriptor_bits = ${bits} where id = ${best}`.execute(database.db);
      try {
        // the best hit's signature turned into its opposite: 512 bits away from the query's, never a candidate
        await setBits(sql`~descriptor_bits`);
        expectSame(
          await search(indexed, adminA.token, center),
          wanted.filter((h) => h.id !== best),
        );
        expectSame(await search(exact, adminA.token, center), wanted);
        await setBits(sql`null`);
        expectSame(await search(indexed, adminA.token, center), wanted);
      } finally {
        const vector = stored.find((e) => e.id === best)!.vector;
        await setBits(sql`${signature(vector)}::bit(512)`);
      }
      expectSame(await search(indexed, adminA.token, center), wanted);
    },
  );
});

describe('the signature migration', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  it(`${SERVER ? 'gives the face events stored before it their signatures' : 'changes nothing next to pgvector'}`, async () => {
    const db = database.db;
    const files = (await readdir(MIGRATIONS)).filter((f) => /^\d+-.+\.ts$/.test(f)).sort();
    const last = files.indexOf('1796300000000-FaceDescriptorSignatures.ts');
    expect(last).toBeGreaterThan(0);
    const run = async (file: string) =>
      ((await import(pathToFileURL(path.join(MIGRATIONS, file)).href)) as { up(db: unknown): Promise<void> }).up(db);
    await sql`create schema if not exists media`.execute(db);
    for (const file of files.slice(0, last)) await run(file);
    await new EventRepository(mediaDb(db)).ensurePartition(new Date());

    const faces = Array.from({ length: 3 }, (_, i) => randomUnit(seeded(300 + i)));
    expect(await bitsColumn(database)).toBeUndefined();
    const literal = (v: Float32Array) => (SERVER ? `{${Array.from(v).join(',')}}` : `[${Array.from(v).join(',')}]`);
    const ids = faces.map(() => randomUUID());
    const insert = (id: string, type: string, descriptor: string | null) =>
      sql`insert into media.events (id, event_type, camera_id, organization_id, stream_server_id, object_id,
          event_action, ts, event_data, descriptor, match_state)
        values (${id}, ${type}, ${randomUUID()}, 1, 'migration', 'o', 'appeared', now(), '{}'::jsonb,
          ${descriptor}::${sql.raw(SERVER ? 'real[]' : 'vector')}, 'none')`.execute(db);
    for (const [i, id] of ids.entries()) await insert(id, 'face_recognition', literal(faces[i]!));
    const motion = randomUUID();
    await insert(motion, 'motion_detection', null);

    await run(files[last]!);
    if (!SERVER) {
      expect(await bitsColumn(database)).toBeUndefined();
      return;
    }
    expect(await bitsColumn(database)).toBe('bit(512)');
    const { rows } = await sql<{ id: string; bits: string | null }>`
      select id::text as id, descriptor_bits::text as bits from media.events`.execute(db);
    const byId = new Map(rows.map((r) => [r.id, r.bits]));
    ids.forEach((id, i) => expect(byId.get(id)).toBe(signature(faces[i]!)));
    expect(byId.get(motion)).toBeNull();
  });
});

describe('retention', () => {
  let database: Database;
  let snapshotsDir: string;
  const now = Date.now();
  const at = { old: now - 3 * DAY, recent: now - DAY };
  const ids: Record<keyof typeof at, string> = { old: '', recent: '' };
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await openTestDatabase();
    snapshotsDir = await mkdtemp(path.join(tmpdir(), 'argus-event-snapshots-'));
  });

  afterAll(async () => {
    await database?.close();
    await rm(snapshotsDir, { recursive: true, force: true });
  });

  const partitions = async () =>
    (
      await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace
        where n.nspname = 'media' and p.relname = 'events' order by 1`.execute(database.db)
    ).rows.map((r) => r.name);

  it('drops the day partitions older than EVENT_RETENTION_DAYS and their snapshot directories', async () => {
    const keeping = await startEventsMedia(stack, { database, snapshotsDir, env: { EVENT_RETENTION_DAYS: '5' } });
    try {
      const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
        .jpeg()
        .toBuffer();
      for (const key of ['old', 'recent'] as const) {
        const report = reportOf(cam.a1, 'motion_detection', { ts: at[key] });
        expect((await keeping.post(report)).status).toBe(201);
        expect((await keeping.putSnapshot(report.eventId, jpeg)).status).toBe(204);
        ids[key] = report.eventId;
      }
      expect(existsSync(path.join(snapshotsDir, dayOf(at.old)))).toBe(true);
    } finally {
      await keeping.stop();
    }
    const partition = (ms: number) => `events_p${dayOf(ms).replace(/-/g, '')}`;
    expect(await partitions()).toContain(partition(at.old));

    // a day whose partition is gone already (dropped by another process that stopped before its snapshots)
    const orphan = path.join(snapshotsDir, dayOf(now - 10 * DAY));
    await mkdir(orphan, { recursive: true });
    await writeFile(path.join(orphan, 'left-behind.jpg'), 'x');

    const media = await startEventsMedia(stack, { database, snapshotsDir, env: { EVENT_RETENTION_DAYS: '2' } });
    try {
      const names = await partitions();
      expect(names).not.toContain(partition(at.old));
      expect(names).toContain(partition(at.recent));
      expect(existsSync(path.join(snapshotsDir, dayOf(at.old)))).toBe(false);
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(path.join(snapshotsDir, dayOf(at.recent), `${ids.recent}.jpg`))).toBe(true);

      const EVENT = 'query($id: ID!) { event(id: $id, eventType: MOTION_DETECTION) { id hasSnapshot } }';
      expect((await media.graphql(adminA.token, EVENT, { id: ids.old })).data.event).toBeNull();
      expect((await media.graphql(adminA.token, EVENT, { id: ids.recent })).data.event).toEqual({
        id: ids.recent,
        hasSnapshot: true,
      });
      expect(await media.stored()).toEqual({ events: 1, ids: 1 });
      const snapshot = await fetch(`${media.baseUrl}/snapshots/${ids.recent}?event_type=motion_detection`, {
        headers: { authorization: `Bearer ${adminA.token}` },
      });
      expect(snapshot.status).toBe(200);
      // a report of a dropped day is past retention now
      const late = await media.post(reportOf(cam.a1, 'motion_detection', { ts: at.old }));
      expect(late.status).toBe(422);
      expect(await media.stored()).toEqual({ events: 1, ids: 1 });
    } finally {
      await media.stop();
    }
  });
});
