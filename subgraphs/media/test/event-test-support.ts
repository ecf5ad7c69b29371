import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '@argus/core';
import { EVENT_REPORT_PATH, eventSnapshotPath, type RecognitionEventReport } from '@argus/media-engine/client';
import { openTestDatabase } from '../../../test/support/database.js';
import { engineReport, signedAsEngine } from '../../../test/support/engine-reports.js';
import type { TestStack } from '../../../test/support/stack.js';
import { buildApp, mediaConfig, type MediaApp } from '../src/app.js';

/**
 * Test-only helpers of the events integration tests: media instances started over a database of their
 * own (identity, topology and watchlists of a test stack), reports signed as an engine signs them,
 * synthetic descriptors.
 */

export const KEYS = {
  ARGUS_INTERNAL_KEY: 'events-int-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'events-int-signing-key-0123456789abcdef',
};

export const DAY = 86_400_000;

export interface Answer {
  readonly status: number;
  readonly text: string;
}

export interface EventsMedia {
  readonly app: MediaApp;
  readonly graphqlUrl: string;
  readonly baseUrl: string;
  readonly database: Database;
  readonly snapshotsDir: string;
  /** POST /internal/events with a body signed as an engine signs it (or as `sign` says) */
  post(body: string | object, sign?: SignOptions): Promise<Answer>;
  /** PUT /internal/events/{id}/snapshot, signed */
  putSnapshot(eventId: string, content: Buffer, contentType?: string): Promise<Answer>;
  graphql<T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>>;
  /** rows of media.events and media.event_ids */
  stored(): Promise<{ events: number; ids: number }>;
  stop(): Promise<void>;
}

export interface GraphqlAnswer<T> {
  readonly data?: T | null;
  readonly errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface SignOptions {
  /** the key signing the URL (default: the right internal key) */
  readonly key?: string;
  /** seconds since the epoch at which the signature expires (default: a minute from now) */
  readonly expires?: number;
  /** the body whose hash is signed (default: the body sent) */
  readonly signedBody?: string | Buffer;
  /** send no signature at all */
  readonly unsigned?: boolean;
}

/** The URL an engine calls (or as `options` says): `body_sha256` of the body, then the `engine-internal` signature. */
export function engineSigned(url: URL, body: string | Buffer, options: SignOptions = {}): URL {
  if (options.unsigned) return url;
  return signedAsEngine(url, options.signedBody ?? body, options.key ?? KEYS.ARGUS_INTERNAL_KEY, options.expires);
}

/**
 * A media instance as a separate process of the media part would run, over `database` (a new test
 * database by default), asking the stack's identity and topology, and watchlists at `watchlistsUrl()`.
 */
export async function startEventsMedia(
  stack: TestStack,
  options: {
    database?: Database;
    env?: Record<string, string>;
    watchlistsUrl?: () => string;
    snapshotsDir?: string;
  } = {},
): Promise<EventsMedia> {
  const database = options.database ?? (await openTestDatabase());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-events-int-'));
  const snapshotsDir = options.snapshotsDir ?? path.join(dataDir, 'event-snapshots');
  const config = mediaConfig({
    ...KEYS,
    ARGUS_DATA_DIR: dataDir,
    MEDIA_PORT: '0',
    LOG_LEVEL: 'error',
    FACE_ANALYSIS: 'false',
    GRAPHIQL: 'false',
    EVENT_SNAPSHOTS_DIR: snapshotsDir,
    ...options.env,
  });
  const app = buildApp(
    { ...config, identityUrl: stack.subgraphs.identity },
    {
      database,
      faces: null,
      topologyUrl: () => stack.subgraphs.topology,
      watchlistsUrl: options.watchlistsUrl ?? (() => stack.subgraphs.watchlists),
    },
  );
  const { url: graphqlUrl } = await app.start();
  const baseUrl = graphqlUrl.replace(/\/graphql\/?$/, '');
  const answer = async (res: Response): Promise<Answer> => ({ status: res.status, text: await res.text() });
  return {
    app,
    graphqlUrl,
    baseUrl,
    database,
    snapshotsDir,
    async post(body, sign) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const url = engineSigned(new URL(baseUrl + EVENT_REPORT_PATH), text, sign);
      return answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));
    },
    async putSnapshot(eventId, content, contentType = 'image/jpeg') {
      const url = engineSigned(new URL(baseUrl + eventSnapshotPath(eventId)), content);
      return answer(
        await fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: new Uint8Array(content) }),
      );
    },
    async graphql(token, query, variables) {
      const res = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphqlAnswer<any>;
    },
    async stored() {
      const { rows } = await sql<{ events: number; ids: number }>`
        select (select count(*)::int from media.events) as events, (select count(*)::int from media.event_ids) as ids`.execute(
        database.db,
      );
      return rows[0]!;
    },
    async stop() {
      await app.stop();
      if (!options.database) await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type Kind = RecognitionEventReport['eventType'];

/** A valid report of each kind (the engine contract's shapes). */
export function reportOf(
  cameraId: string,
  type: Kind,
  spec: { ts?: number; descriptor?: Float32Array; plate?: string; eventId?: string } = {},
): RecognitionEventReport {
  return engineReport({
    cameraId,
    type,
    ts: spec.ts ?? Date.now() - 60_000,
    streamServerId: 'events-int',
    eventId: spec.eventId,
    plate: spec.plate ?? 'A 123 BC',
    descriptor:
      type === 'face_recognition'
        ? { data: descriptorData(spec.descriptor ?? randomUnit(seeded(1))), norm: 21.5 }
        : undefined,
  });
}

/** Base64 of little-endian float32 values (what engines send and search takes). */
export function descriptorData(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random unit vector of 512 values (normal components, so directions are uniform). */
export function randomUnit(random: () => number, length = 512): Float32Array {
  const v = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const phi = 2 * Math.PI * random();
    v[i] = r * Math.cos(phi);
    if (i + 1 < length) v[i + 1] = r * Math.sin(phi);
  }
  return normalised(v);
}

export function normalised(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  return v.map((x) => x / norm);
}

/** A unit vector at cosine similarity ≈ `similarity` to the unit vector `center`. */
export function neighbour(center: Float32Array, similarity: number, random: () => number): Float32Array {
  const noise = randomUnit(random, center.length);
  let along = 0;
  for (let i = 0; i < center.length; i++) along += noise[i]! * center[i]!;
  const orthogonal = normalised(noise.map((x, i) => x - along * center[i]!));
  const side = Math.sqrt(1 - similarity * similarity);
  return normalised(center.map((x, i) => similarity * x + side * orthogonal[i]!));
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
