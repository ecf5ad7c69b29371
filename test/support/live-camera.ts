import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { expect } from 'vitest';
import { expectSpec, TestStack, type TestUser } from './stack.js';
import { freePort, until } from './waiting.js';

/**
 * Live cameras for end-to-end tests: the stack with a media engine, GStreamer RTSP servers
 * playing videos made for the test, people of two organizations, and what they see of the
 * engine's events over REST and a graphql-ws subscription through the router.
 */

export type Member = TestUser & { token: string };

export interface LiveCameras {
  readonly stack: TestStack;
  /** each video's RTSP address, in the order of `videos` (every client plays it once from its start) */
  readonly urls: string[];
  /** an administrator and a viewer of organization A, an administrator of organization B */
  readonly adminA: Member;
  readonly viewerA: Member;
  readonly adminB: Member;
  /** stops the stack and the RTSP servers and removes the videos */
  stop(): Promise<void>;
}

/**
 * Starts the stack (its media engine registered as `streamServerId`) and an RTSP server for each
 * video `videos` makes in a directory of its own, then two organizations and their people.
 */
export async function startLiveCameras(o: {
  streamServerId: string;
  faceAnalysis?: boolean;
  videos: (dir: string) => Promise<string[]>;
}): Promise<LiveCameras> {
  const root = await mkdtemp(path.join(tmpdir(), `argus-${o.streamServerId}-`));
  const servers: (RtspTestServer | undefined)[] = [];
  let stack: TestStack | undefined;
  const stop = async () => {
    await stack?.stop();
    await Promise.all(servers.map((s) => s?.stop()));
    await rm(root, { recursive: true, force: true });
  };
  let starting: Promise<unknown>[] = [];
  try {
    const enginePort = await freePort();
    const files = await o.videos(root);
    const stackStarting = TestStack.start({
      faceAnalysis: o.faceAnalysis,
      mediaEngine: true,
      env: {
        ARGUS_INTERNAL_KEY: `${o.streamServerId}-internal-key-0123456789abcdef`,
        ARGUS_TOKEN_SIGNING_KEY: `${o.streamServerId}-signing-key-0123456789abcdef`,
        STREAMSERVER_ID: o.streamServerId,
        STREAMSERVER_HOST: `127.0.0.1:${enginePort}`,
        MEDIA_ENGINE_PORT: String(enginePort),
        STREAMSERVER_HEARTBEAT_MS: '500',
        STREAMSERVER_TTL_MS: '4000',
        LOG_LEVEL: 'error',
      },
    }).then((started) => (stack = started));
    starting = [stackStarting, ...files.map(async (file, i) => (servers[i] = await startRtspTestServer({ file })))];
    await Promise.all(starting);
    const started = await stackStarting;
    const [orgA, orgB] = await Promise.all([started.createOrganization(), started.createOrganization()]);
    const [adminA, viewerA, adminB] = await Promise.all([
      started.member(orgA.id, 'administrator'),
      started.member(orgA.id, 'viewer'),
      started.member(orgB.id, 'administrator'),
    ]);
    return { stack: started, urls: servers.map((s) => s!.url), adminA, viewerA, adminB, stop };
  } catch (error) {
    // what did start is stopped once nothing is starting any more
    await Promise.allSettled(starting);
    await stop();
    throw error;
  }
}

/** What a subscriber of `eventMatched` has received so far. */
export interface Subscriber<E> {
  readonly events: E[];
  readonly errors: unknown[];
}

/** Subscribes to `eventMatched` (the `query` selects its fields) for events of `eventTypes`. */
export function subscribeMatches<E>(
  stack: TestStack,
  token: string,
  query: string,
  eventTypes: string[],
): Subscriber<E> {
  const received: Subscriber<E> = { events: [], errors: [] };
  stack.ws(token).subscribe<{ eventMatched: E }>(
    { query, variables: { filter: { eventTypes } } },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...result.errors);
        if (result.data?.eventMatched) received.events.push(result.data.eventMatched);
      },
      error: (error) => received.errors.push(error),
      complete: () => undefined,
    },
  );
  return received;
}

/** The first event a subscriber receives that `wanted` accepts; fails as soon as the subscription does. */
export function firstMatch<E>(subscriber: Subscriber<E>, wanted: (event: E) => boolean, what: string): Promise<E> {
  return until(
    () => {
      if (subscriber.errors.length > 0) throw new Error(`subscription failed: ${JSON.stringify(subscriber.errors)}`);
      return subscriber.events.find(wanted);
    },
    60_000,
    what,
    200,
  );
}

/** POST /cameras: a camera of `url` in a place, analysed as `videoAnalytics` says. */
export async function createLiveCamera(
  stack: TestStack,
  token: string,
  o: { placeId: number; url: string; videoAnalytics: Record<string, unknown> },
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/cameras', {
    token,
    json: {
      name: stack.unique('Cam '),
      place_id: o.placeId,
      source: { url: o.url, transport: 'tcp' },
      video_analytics: o.videoAnalytics,
    },
  });
  expectSpec(res, 200);
  return res.body;
}

/** Every event of one type of a camera over REST 3.2, from a minute before `sinceMs` on. */
export async function cameraEventsSince(
  stack: TestStack,
  token: string,
  o: { cameraId: string; eventType: string; sinceMs: number },
): Promise<Record<string, any>[]> {
  const res = await stack.rest('GET', '/events', {
    token,
    query: {
      event_type: o.eventType,
      stream_id: o.cameraId,
      ts_from: new Date(o.sinceMs - 60_000).toISOString(),
      ts_to: new Date(Date.now() + 60_000).toISOString(),
      limit: 100,
    },
  });
  expectSpec(res, 200);
  return res.body.events;
}

/** Events grouped by their object_id, in the order each object first comes. */
export function byObject(events: Record<string, any>[]): Map<string, Record<string, any>[]> {
  const objects = new Map<string, Record<string, any>[]>();
  for (const event of events) objects.set(event.object_id, [...(objects.get(event.object_id) ?? []), event]);
  return objects;
}

/** The most times a clip `clipS` seconds long can have played since `sinceMs` (each RTSP client plays it once from its start). */
export const playsSince = (sinceMs: number, clipS: number) => Math.ceil((Date.now() - sinceMs) / (clipS * 1000)) + 1;

/** GET /snapshots/{id} (19.1) once the engine has stored it; fails unless it answers 200 as image/jpeg. */
export function snapshotOf(stack: TestStack, token: string, eventId: string, eventType: string): Promise<Buffer> {
  return until(
    async () => {
      const snapshot = await fetch(`${stack.restUrl}/api/v1/snapshots/${eventId}?event_type=${eventType}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (snapshot.status === 503) return undefined;
      expect(snapshot.status).toBe(200);
      expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
      return Buffer.from(await snapshot.arrayBuffer());
    },
    20_000,
    'the snapshot',
    250,
  );
}
