/**
 * Face search (REST 17.1 / searchFaceEvents) over many stored face events: p50/p99 latency at
 * threshold 0.5 and recall against the exact scan, on embedded PGlite with pgvector (HNSW index)
 * and on the PostgreSQL server without pgvector (real[]: the sign-signature prefilter, the default,
 * next to the exact scan, EVENT_FACE_SEARCH=exact).
 *
 * The descriptors are SYNTHETIC: random 512-d unit vectors around "people" (cluster centres), each
 * person seen ~10 times at cosine 0.45..0.95 to their centre, plus 20 % strangers; a query is a new
 * view of a person (cosine 0.9 to the centre). Rows go into the media part's own table (its
 * migrations: day partitions, HNSW where pgvector exists) with multi-row INSERTs, and are searched
 * with the media part's search repository, as the service calls it (organization scope, the default
 * window of everything kept, first 100).
 *
 *   npm run bench:events:search -- [--backends pglite,server] [--sizes 100000,1000000] [--queries 50]
 *
 * By default PGlite runs 100k (PGlite is 32-bit WebAssembly: 1M descriptors with their HNSW graph do
 * not fit its memory) and the server 100k and 1M. The server is DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test); a database of its own is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { migrateSchema, openDatabase, type Database } from '@argus/core';
import { MEDIA_SCHEMA, type MediaDb } from '../../subgraphs/media/src/db.js';
import {
  descriptorBits,
  EventRepository,
  signatureText,
} from '../../subgraphs/media/src/repositories/event.repository.js';
import {
  EventSearchRepository,
  signatureBound,
  type FaceSearchMode,
} from '../../subgraphs/media/src/repositories/event-search.repository.js';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../subgraphs/media/migrations');
const DIM = 512;
const DAYS = 7;
const DAY = 86_400_000;
const THRESHOLD = 0.5;
const LIMIT = 100;
const RETENTION_DAYS = 30;
const ORGANIZATION = 1;

interface Options {
  readonly backends: string[];
  readonly sizes: Record<string, number[]>;
  readonly queries: number;
  readonly serverUrl: string;
}

function options(): Options {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = arg('sizes')?.split(',').map(Number);
  return {
    backends: (arg('backends') ?? 'pglite,server').split(','),
    sizes: { pglite: sizes ?? [100_000], server: sizes ?? [100_000, 1_000_000] },
    queries: Number(arg('queries') ?? 50),
    serverUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}

/** mulberry32: the same data on every run and backend */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unit(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
  return v;
}

function randomUnit(random: () => number): Float32Array {
  const v = new Float32Array(DIM);
  for (let i = 0; i < DIM; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const phi = 2 * Math.PI * random();
    v[i] = r * Math.cos(phi);
    v[i + 1] = r * Math.sin(phi);
  }
  return unit(v);
}

/** ≈ cosine `s` to the centre (random directions in 512-d are nearly orthogonal to it) */
function around(center: Float32Array, s: number, random: () => number): Float32Array {
  const noise = randomUnit(random);
  const side = Math.sqrt(1 - s * s);
  return unit(center.map((x, i) => s * x + side * noise[i]!));
}

/** The synthetic population: people (centres) and their sightings, generated in batches. */
class Population {
  readonly centers: Float32Array[] = [];
  private readonly random: () => number;

  constructor(
    readonly size: number,
    seed = 1796,
  ) {
    this.random = seeded(seed);
    const people = Math.max(1, Math.floor((size * 0.8) / 10));
    for (let p = 0; p < people; p++) this.centers.push(randomUnit(this.random));
  }

  /** the descriptor of the n-th sighting */
  sighting(): Float32Array {
    if (this.random() < 0.2) return randomUnit(this.random);
    const person = this.centers[Math.floor(this.random() * this.centers.length)]!;
    return around(person, 0.45 + this.random() * 0.5, this.random);
  }

  queries(n: number): Float32Array[] {
    const random = seeded(42);
    return Array.from({ length: n }, () =>
      around(this.centers[Math.floor(random() * this.centers.length)]!, 0.9, random),
    );
  }
}

const uuid = () => {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const CAMERAS = Array.from({ length: 100 }, uuid);

/** One multi-row INSERT of `rows` face events (the columns the ingest writes). */
function insertStatement(population: Population, rows: number, column: 'vector' | 'real[]', now: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    const v = population.sighting();
    const text = Array.from(v, (x) => x.toPrecision(7)).join(',');
    const literal = column === 'vector' ? `'[${text}]'::vector` : `'{${text}}'::real[],B'${signatureText(v)}'`;
    const data = Buffer.from(v.buffer).toString('base64');
    const eventData = `{"detection":{"bbox":[10,20,110,140]},"descriptor":{"data":"${data}","norm":21.5},"attributes":{}}`;
    const ts = new Date(now - Math.floor(Math.random() * DAYS * DAY)).toISOString();
    const camera = CAMERAS[r % CAMERAS.length]!;
    values.push(
      `('${uuid()}','face_recognition','${camera}',${ORGANIZATION},1,'bench','${uuid()}','appeared','${ts}','${eventData}'::jsonb,${literal},'done','[]'::jsonb)`,
    );
  }
  return `insert into media.events (id, event_type, camera_id, organization_id, place_id, stream_server_id, object_id,
    event_action, ts, event_data, descriptor, ${column === 'vector' ? '' : 'descriptor_bits, '}match_state, match_data)
    values ${values.join(',')}`;
}

interface Run {
  readonly backend: string;
  readonly size: number;
  readonly path: string;
  readonly loadS: number;
  readonly indexS: number | null;
  readonly queries: number;
  readonly p50: number;
  readonly p99: number;
  readonly hits: number;
  /** descriptors compared exactly per query */
  readonly compared: number | null;
  readonly recall: number | null;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function execute(db: Kysely<any>, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

/** Loads `size` face events; the seconds the rows and (PGlite) the HNSW index took. */
async function load(
  database: Database,
  population: Population,
  column: 'vector' | 'real[]',
  now: number,
  parallel: number,
): Promise<{ loadS: number; indexS: number | null }> {
  const db = database.db;
  const events = new EventRepository(db as unknown as MediaDb);
  for (let d = -1; d <= DAYS; d++) await events.ensurePartition(new Date(now - d * DAY));
  if (column === 'vector') await execute(db, 'drop index media.events_descriptor_hnsw_idx');
  const batch = 200;
  let sent = 0;
  const started = performance.now();
  let lastReport = started;
  const worker = async () => {
    while (sent < population.size) {
      const rows = Math.min(batch, population.size - sent);
      sent += rows;
      await execute(db, insertStatement(population, rows, column, now));
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(`  … ${sent} rows, ${((lastReport - started) / 1000).toFixed(0)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  await execute(db, `insert into media.event_ids (id, ts, event_type) select id, ts, event_type from media.events`);
  const loadS = (performance.now() - started) / 1000;
  let indexS: number | null = null;
  if (column === 'vector') {
    const indexStarted = performance.now();
    await execute(db, `set maintenance_work_mem = '512MB'`);
    await execute(
      db,
      'create index events_descriptor_hnsw_idx on media.events using hnsw (descriptor vector_cosine_ops)',
    );
    indexS = (performance.now() - indexStarted) / 1000;
  }
  await execute(db, database.kind === 'postgres' ? 'vacuum analyze media.events' : 'analyze media.events');
  return { loadS, indexS };
}

async function measure(
  search: EventSearchRepository,
  column: 'vector' | 'real[]',
  mode: FaceSearchMode,
  queries: Float32Array[],
  now: number,
): Promise<{ latencies: number[]; hits: string[][] }> {
  const args = {
    threshold: THRESHOLD,
    from: new Date(now - (RETENTION_DAYS + 1) * DAY),
    to: new Date(now + DAY),
    limit: LIMIT,
  };
  for (const q of queries.slice(0, 1)) await search.faces(column, mode, q, args, { organizationId: ORGANIZATION });
  const latencies: number[] = [];
  const hits: string[][] = [];
  for (const q of queries) {
    const started = performance.now();
    const found = await search.faces(column, mode, q, args, { organizationId: ORGANIZATION });
    latencies.push(performance.now() - started);
    hits.push(found.map((h) => h.event.id));
  }
  return { latencies, hits };
}

/** Face events of the organization whose signature is within the bound of the query's (what the prefilter compares). */
async function candidates(db: Kysely<any>, queries: Float32Array[]): Promise<number> {
  let total = 0;
  const bound = signatureBound(THRESHOLD) ?? DIM;
  for (const q of queries) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from media.events
      where organization_id = ${ORGANIZATION} and event_type = 'face_recognition'
        and bit_count(descriptor_bits # ${descriptorBits(q)}) <= ${bound}`.execute(db);
    total += rows[0]!.n;
  }
  return total / queries.length;
}

function recallOf(found: string[][], truth: string[][]): number {
  let total = 0;
  let kept = 0;
  truth.forEach((wanted, i) => {
    const got = new Set(found[i]);
    total += wanted.length;
    kept += wanted.filter((id) => got.has(id)).length;
  });
  return total === 0 ? 1 : kept / total;
}

async function openBackend(backend: string, serverUrl: string): Promise<{ database: Database; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'argus-bench-search-'));
    const database = await openDatabase({ dataDir: dir });
    return { database, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `argus_bench_search_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: 4 });
  return {
    database,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function runOne(backend: string, size: number, o: Options): Promise<Run[]> {
  const { database, drop } = await openBackend(backend, o.serverUrl);
  try {
    await migrateSchema(database.db, MEDIA_SCHEMA, MIGRATIONS);
    const events = new EventRepository(database.db as unknown as MediaDb);
    const column = await events.descriptorColumn();
    const now = Date.now();
    const population = new Population(size);
    console.log(`${backend} ${size}: loading (${column})…`);
    const { loadS, indexS } = await load(database, population, column, now, backend === 'pglite' ? 1 : 2);
    console.log(
      `${backend} ${size}: loaded in ${loadS.toFixed(0)} s${indexS === null ? '' : `, HNSW index built in ${indexS.toFixed(0)} s`}`,
    );
    const search = new EventSearchRepository(database.db as unknown as MediaDb);
    const queries = population.queries(o.queries);
    // the server's exact scan of real[] takes seconds per query: fewer of them there
    const exactCount = column === 'vector' ? o.queries : size >= 1_000_000 ? 5 : 20;
    const exactQueries = queries.slice(0, Math.min(o.queries, exactCount));
    const exact = await measure(search, column, 'exact', exactQueries, now);
    const runs: Run[] = [];
    const row = (
      path: string,
      m: { latencies: number[]; hits: string[][] },
      recall: number | null,
      compared: number | null,
    ): Run => ({
      backend,
      size,
      path,
      loadS,
      indexS,
      queries: m.latencies.length,
      p50: percentile(m.latencies, 50),
      p99: percentile(m.latencies, 99),
      hits: m.hits.reduce((sum, h) => sum + h.length, 0) / m.hits.length,
      compared,
      recall,
    });
    const auto = await measure(search, column, 'auto', queries, now);
    const recall = recallOf(auto.hits.slice(0, exact.hits.length), exact.hits);
    if (column === 'vector') runs.push(row('HNSW (auto)', auto, recall, null));
    else runs.push(row('signature prefilter (auto)', auto, recall, await candidates(database.db, queries)));
    runs.push(
      row(
        column === 'vector' ? 'exact (EVENT_FACE_SEARCH=exact)' : 'exact real[] (EVENT_FACE_SEARCH=exact)',
        exact,
        1,
        column === 'vector' ? null : size,
      ),
    );
    return runs;
  } finally {
    await database.close();
    await drop();
  }
}

async function main(): Promise<void> {
  const o = options();
  console.log(
    'Face search benchmark: SYNTHETIC 512-d descriptors (people seen ~10 times at cosine 0.45..0.95, 20 % strangers), ' +
      `spread over ${DAYS} day partitions; threshold ${THRESHOLD}, first ${LIMIT}, one organization, window = everything kept.`,
  );
  console.log(
    'PGlite: queries run in the process that holds the database (PGlite is in-process). ' +
      'Server: this process is the client, PostgreSQL the separate database process.',
  );
  const runs: Run[] = [];
  for (const backend of o.backends)
    for (const size of o.sizes[backend] ?? []) {
      const done = await runOne(backend, size, o);
      runs.push(...done);
      for (const r of done) console.log(JSON.stringify(r));
    }
  console.log(
    '\nbackend  events     search path                              load s  index s  queries  p50 ms  p99 ms  hits/q  compared/q  recall',
  );
  for (const r of runs) {
    console.log(
      `${r.backend.padEnd(8)} ${String(r.size).padStart(9)}  ${r.path.padEnd(40)} ${r.loadS.toFixed(0).padStart(6)}` +
        `  ${(r.indexS === null ? '—' : r.indexS.toFixed(0)).padStart(7)}  ${String(r.queries).padStart(7)}` +
        `  ${r.p50.toFixed(1).padStart(6)}  ${r.p99.toFixed(1).padStart(6)}  ${r.hits.toFixed(1).padStart(6)}` +
        `  ${(r.compared === null ? '—' : r.compared.toFixed(0)).padStart(10)}` +
        `  ${r.recall === null ? '—' : r.recall.toFixed(4)}`,
    );
  }
}

await main();
