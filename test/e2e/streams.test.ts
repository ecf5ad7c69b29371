import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';
import { freePort, until } from '../support/waiting.js';

/**
 * Streams (21.x), stream statuses (23.x) and the streamStatusChanged subscription through the
 * router, against the whole stack with its in-process media engine ingesting a GStreamer camera.
 */

let stack: TestStack;
let rtsp: RtspTestServer;
let camera: Record<string, any>;
/** where the media subgraph reaches the engine (it probes sources there): a real address */
let engineHost: string;

const streamOf = async (id: string) => {
  const res = await stack.rest('GET', `/streams/${id}`, { token: stack.adminToken });
  expectSpec(res, 200);
  return res.body as { streamserver_id: string; streamserver_host: string; status: string; ts: number };
};

beforeAll(async () => {
  const enginePort = await freePort();
  engineHost = `127.0.0.1:${enginePort}`;
  const engineEnv = {
    STREAMSERVER_ID: 'streams-e2e',
    STREAMSERVER_HOST: engineHost,
    MEDIA_ENGINE_PORT: String(enginePort),
  };
  [stack, rtsp] = await Promise.all([
    TestStack.start({
      mediaEngine: true,
      env: { ...engineEnv, STREAMSERVER_HEARTBEAT_MS: '500', STREAMSERVER_TTL_MS: '4000' },
    }),
    startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10 }),
  ]);
  const placeId = (await createPlace(stack, stack.adminToken)).id;
  const res = await stack.rest('POST', '/cameras', {
    token: stack.adminToken,
    json: { name: stack.unique('Cam '), place_id: placeId, source: { url: rtsp.url, transport: 'tcp' } },
  });
  expectSpec(res, 200);
  camera = res.body;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await rtsp?.stop();
});

describe('a camera going away and coming back', () => {
  it('is online, goes offline with a reason within 5 s (REST and subscription), records the downtime, and comes back', async () => {
    const online = await until(
      async () => {
        const s = await streamOf(camera.id);
        return s.status === 'online' ? s : undefined;
      },
      40_000,
      'the camera online',
    );
    expect(online).toMatchObject({ streamserver_id: 'streams-e2e', streamserver_host: engineHost });
    expect(online.ts).toBeGreaterThan(Date.now() / 1000 - 120);

    // the subscription through the router
    const client = stack.ws(stack.adminToken);
    const changes: { status: string; reason: string | null }[] = [];
    let subscriptionError: unknown;
    const stopSubscription = client.subscribe<{ streamStatusChanged: { status: string; reason: string | null } }>(
      {
        query:
          'subscription($ids:[ID!]!){ streamStatusChanged(cameraIds:$ids){ cameraId status reason at streamServerId } }',
        variables: { ids: [camera.id] },
      },
      {
        next: (r) => {
          if (r.data) changes.push(r.data.streamStatusChanged);
          if (r.errors) subscriptionError = r.errors;
        },
        error: (e) => {
          subscriptionError = e;
        },
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the subscription is set up (not an assertion)

    await rtsp.stop();
    const stoppedAt = Date.now();
    await until(
      async () => (changes.some((c) => c.status === 'offline') ? true : undefined),
      15_000,
      'offline through the subscription',
    );
    const seenAfterMs = Date.now() - stoppedAt;
    expect(subscriptionError).toBeUndefined();
    expect(seenAfterMs).toBeLessThan(5000 + 3000); // 5 s, with slack for a loaded machine
    const offline = await streamOf(camera.id);
    expect(offline.status).toBe('offline');
    const downtimes = await stack.rest('GET', `/streamstatuses/${camera.id}`, { token: stack.adminToken });
    expectSpec(downtimes, 200);
    expect(downtimes.body.downtime_stats).toHaveLength(1);
    expect(downtimes.body.downtime_stats[0]).toMatchObject({
      downtime_end: '',
      reason: expect.stringMatching(/^(unreachable|exited|stalled)$/),
    });

    rtsp = await rtsp.restart();
    await until(
      async () => ((await streamOf(camera.id)).status === 'online' ? true : undefined),
      40_000,
      'the camera online again',
    );
    await until(
      async () => (changes.at(-1)?.status === 'online' ? true : undefined),
      5000,
      'online through the subscription',
    );
    stopSubscription();
    const after = await stack.rest('GET', `/streamstatuses/${camera.id}`, { token: stack.adminToken });
    expectSpec(after, 200);
    const [period] = after.body.downtime_stats;
    expect(Date.parse(period.downtime_end)).toBeGreaterThan(Date.parse(period.downtime_start));

    const summary = await stack.rest('GET', '/streamstatuses/summary', { token: stack.adminToken });
    expectSpec(summary, 200);
    const entry = summary.body.stream_status_summary.find((e: { stream_id: string }) => e.stream_id === camera.id);
    expect(entry).toMatchObject({ stream_name: camera.name });
    expect(entry.lifetime).toBeGreaterThan(0);
    expect(entry.availability).toBeGreaterThan(0);
    expect(entry.availability).toBeLessThan(100);
  }, 120_000);
});

describe('a stream server that dies without a word', () => {
  it('its camera goes offline through the subscription once its lease runs out, with nobody to take it over', async () => {
    // a camera of a scheduler group no running engine serves, "online" by a server that then stops heart-beating
    const placeId = (await createPlace(stack, stack.adminToken)).id;
    const res = await stack.rest('POST', '/cameras', {
      token: stack.adminToken,
      json: { name: stack.unique('Orphan '), place_id: placeId, source: { url: rtsp.url }, scheduler_group: 'orphans' },
    });
    expectSpec(res, 200);
    const orphan = res.body as { id: string };
    const db = stack.database.db;
    await sql`insert into streaming.stream_servers (id, "group", host, ttl_ms) values ('ghost-e2e', 'orphans', 'ghost.local', 2000)`.execute(
      db,
    );
    await sql`insert into streaming.camera_leases (camera_id, streamserver_id, expires_at) values (${orphan.id}::uuid, 'ghost-e2e', now() + interval '2 seconds')`.execute(
      db,
    );
    await sql`insert into streaming.stream_status_events (camera_id, status, streamserver_id) values (${orphan.id}::uuid, 'online', 'ghost-e2e')`.execute(
      db,
    );
    expect(await streamOf(orphan.id)).toMatchObject({ status: 'online', streamserver_id: 'ghost-e2e' });

    const changes: { status: string; reason: string | null; streamServerId: string | null }[] = [];
    const stopSubscription = stack.ws(stack.adminToken).subscribe<{ streamStatusChanged: (typeof changes)[number] }>(
      {
        query: 'subscription($ids:[ID!]!){ streamStatusChanged(cameraIds:$ids){ status reason streamServerId } }',
        variables: { ids: [orphan.id] },
      },
      {
        next: (r) => {
          if (r.data) changes.push(r.data.streamStatusChanged);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    try {
      await until(async () => (changes.length > 0 ? true : undefined), 10_000, 'offline through the subscription');
      expect(changes).toEqual([{ status: 'offline', reason: 'no_stream_server', streamServerId: 'ghost-e2e' }]);
    } finally {
      stopSubscription();
    }
    expect(await streamOf(orphan.id)).toMatchObject({ status: 'offline' });
    const downtimes = await stack.rest('GET', `/streamstatuses/${orphan.id}`, { token: stack.adminToken });
    expectSpec(downtimes, 200);
    expect(downtimes.body.downtime_stats).toEqual([
      expect.objectContaining({ downtime_end: '', reason: 'no_stream_server' }),
    ]);
  }, 60_000);
});

describe('stream info and verify', () => {
  it('answers the frame rate, bit rate, size and codec of the live source', async () => {
    const res = await stack.rest('GET', `/streams/${camera.id}/info`, { token: stack.adminToken });
    expectSpec(res, 200);
    expect(res.body).toMatchObject({ frame_width: 320, frame_height: 240, codec: 'h264', frame_rate: 10 });
    expect(res.body.bit_rate).toBeGreaterThan(0);
  }, 30_000);

  it('verifies a good link, and answers 400 with the reason for a closed port and a bad path, in bounded time', async () => {
    expectSpec(
      await stack.rest('POST', '/streams/verify', { token: stack.adminToken, json: { rtsp_link: rtsp.url } }),
      200,
    );
    const started = Date.now();
    const [closed, badPath, notRtsp] = await Promise.all([
      stack.rest('POST', '/streams/verify', {
        token: stack.adminToken,
        json: { rtsp_link: `rtsp://127.0.0.1:${await freePort()}/stream` },
      }),
      stack.rest('POST', '/streams/verify', {
        token: stack.adminToken,
        json: { rtsp_link: `${rtsp.url.replace(/\/stream$/, '')}/nothing-here` },
      }),
      stack.rest('POST', '/streams/verify', {
        token: stack.adminToken,
        json: { rtsp_link: 'http://example.com/video' },
      }),
    ]);
    expect(Date.now() - started).toBeLessThan(12_000);
    for (const res of [closed, badPath, notRtsp]) {
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }
    expect(closed.body.detail).toContain('unreachable');
    expect(badPath.body.detail).toMatch(/unreachable|no_video|not found/i);
  }, 30_000);
});

describe('who may read streams', () => {
  it("needs a token (401), the permission (403) and a camera of the caller's organization (404)", async () => {
    const calls = (token: string | undefined) => [
      stack.rest('GET', `/streams/${camera.id}`, { token }),
      stack.rest('GET', `/streamstatuses/${camera.id}`, { token }),
      stack.rest('GET', '/streamstatuses/summary', { token }),
      stack.rest('POST', '/streams/verify', { token, json: { rtsp_link: 'rtsp://127.0.0.1:1/x' } }),
    ];
    for (const res of await Promise.all(calls(undefined))) expectSpec(res, 401);

    const organization = await stack.createOrganization();
    const camerasOnly = await stack.createRole(['camera_read'], stack.unique('cameras-only-'));
    const [limited, stranger, viewer] = await Promise.all([
      stack.member(undefined, camerasOnly),
      stack.member(organization.id, 'viewer'),
      stack.member(undefined, 'viewer'),
    ]);
    for (const res of await Promise.all(calls(limited.token))) {
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
    const [s, st, summary] = await Promise.all(calls(stranger.token));
    for (const res of [s!, st!]) {
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectSpec(summary!, 200);
    expect(summary!.body.stream_status_summary).toEqual([]);
    expectSpec(await stack.rest('GET', `/streams/${camera.id}`, { token: viewer.token }), 200);

    // the subscription refuses another organization's camera
    const client = stack.ws(stranger.token);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        {
          query: 'subscription($ids:[ID!]!){ streamStatusChanged(cameraIds:$ids){ status } }',
          variables: { ids: [camera.id] },
        },
        {
          next: (r) => resolve(r),
          error: (e) => resolve({ failed: e }),
          complete: () => resolve('complete'),
        },
      );
    });
    // refused with the subgraph's NOT_FOUND and no data
    expect(outcome).toMatchObject({
      errors: [{ message: `Stream ${camera.id} not found`, extensions: { code: 'NOT_FOUND' } }],
    });
    expect((outcome as { data?: unknown }).data ?? null).toBeNull();
  }, 60_000);

  it('refuses bad input with 422', async () => {
    const token = stack.adminToken;
    expectValidation(await stack.rest('GET', '/streams/not-a-uuid', { token }), ['path', 'stream_id']);
    expectValidation(await stack.rest('GET', '/streams/not-a-uuid/info', { token }), ['path', 'stream_id']);
    expectValidation(await stack.rest('GET', '/streamstatuses/not-a-uuid', { token }), ['path', 'stream_id']);
    expectValidation(await stack.rest('POST', '/streams/verify', { token, json: {} }), ['body', 'rtsp_link']);
    expectValidation(await stack.rest('POST', '/streams/verify', { token, json: { rtsp_link: '' } }), [
      'body',
      'rtsp_link',
    ]);
  });
});
