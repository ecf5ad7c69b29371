import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildEngine, mediaEngineConfig, type MediaEngineApp } from '@argus/media-engine';
import { probeFile } from '@argus/media-engine/probe';
import {
  cameraRecordingDir,
  hourDirOf,
  listSegments,
  segmentFileName,
  signingKey,
  signResource,
} from '@argus/media-engine/recording';
import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { errorBody, expectSpec, expectValidation, TestStack } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';
import { freePort, until } from '../support/waiting.js';

/** REST 18.1, 18.2 and 19.2 against the whole stack and a media engine recording a GStreamer camera. */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'recordings-e2e-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'recordings-e2e-signing-key-0123456789abcdef',
};
const DAY_S = 86_400;

let stack: TestStack;
let camera: RtspTestServer;
let engine: MediaEngineApp | undefined;
let root: string;
let recordingsDir: string;
let live: Record<string, any>;
let down: Record<string, any>;
let placeId: number;
let startedS: number;

const segmentsOf = (token: string | undefined, streamId: string, from: number, to: number) =>
  stack.rest('GET', '/segments', { token, query: { stream_id: streamId, ts_from: from, ts_to: to } });

beforeAll(async () => {
  startedS = Math.floor(Date.now() / 1000);
  root = await mkdtemp(path.join(tmpdir(), 'argus-recordings-e2e-'));
  recordingsDir = path.join(root, 'recordings');
  const [topologyPort, enginePort] = [await freePort(), await freePort()];
  [stack, camera] = await Promise.all([
    TestStack.start({ env: { ...KEYS, TOPOLOGY_PORT: String(topologyPort) } }),
    startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10 }),
  ]);
  placeId = (await createPlace(stack, stack.adminToken)).id;
  const create = async (url: string, retentionDays: number) => {
    const res = await stack.rest('POST', '/cameras', {
      token: stack.adminToken,
      json: {
        name: stack.unique('Cam '),
        place_id: placeId,
        source: { url, transport: 'tcp' },
        video_storage: { enabled: true, retention_days: retentionDays },
      },
    });
    expectSpec(res, 200);
    return res.body;
  };
  live = await create(camera.url, 30);
  down = await create(`rtsp://127.0.0.1:${await freePort()}/nothing`, 30);
  engine = buildEngine(
    mediaEngineConfig({
      ...KEYS,
      ARGUS_DATA_DIR: root,
      RECORDINGS_DIR: recordingsDir,
      STREAMSERVER_ID: 'recordings-e2e',
      LOG_LEVEL: 'error',
      STREAMSERVER_HOST: `127.0.0.1:${enginePort}`,
      MEDIA_ENGINE_PORT: String(enginePort),
      TOPOLOGY_URL: `http://127.0.0.1:${topologyPort}/graphql`,
      STREAMSERVER_HEARTBEAT_MS: '500',
      STREAMSERVER_TTL_MS: '4000',
      RECORDING_RETENTION_INTERVAL_MS: '300',
    }),
    { database: stack.database },
  );
  await engine.start();
}, 90_000);

afterAll(async () => {
  await engine?.stop();
  await camera?.stop();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('recorded segments (18.1) with signed URLs', () => {
  let segments: { segment_url: string; ts_start: number; ts_end: number; signature: string }[];

  it('lists the segments overlapping a range, each with a signed URL that downloads', async () => {
    segments = await until(
      async () => {
        const res = await segmentsOf(stack.adminToken, live.id, startedS - 60, Math.floor(Date.now() / 1000) + 60);
        expectSpec(res, 200);
        return res.body.segments.length >= 3 ? res.body.segments : undefined;
      },
      40_000,
      'three recorded segments',
    );
    for (const s of segments) {
      expect(s.ts_end).toBeGreaterThan(s.ts_start);
      expect(s.ts_start).toBeGreaterThanOrEqual(startedS - 5);
      expect(s.segment_url).toContain(`/recordings/${live.id}/`);
      expect(new URL(s.segment_url).searchParams.get('signature')).toBe(s.signature);
    }
    expect(segments.map((s) => s.ts_start)).toEqual([...segments.map((s) => s.ts_start)].sort((a, b) => a - b));
    const download = await fetch(segments[0]!.segment_url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(188);
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte

    const middle = segments[1]!;
    const narrow = await segmentsOf(stack.adminToken, live.id, middle.ts_start, middle.ts_start + 1);
    expectSpec(narrow, 200);
    expect(narrow.body.segments.length).toBeGreaterThanOrEqual(1);
    expect(narrow.body.segments.length).toBeLessThan(segments.length + 1);
    for (const s of narrow.body.segments)
      expect(s.ts_start < middle.ts_start + 1 && s.ts_end > middle.ts_start).toBe(true);
    const before = await segmentsOf(stack.adminToken, live.id, startedS - 3 * DAY_S, startedS - 2 * DAY_S);
    expectSpec(before, 200);
    expect(before.body.segments).toEqual([]);
  }, 60_000);

  it('refuses a tampered signature, a tampered path and an expired URL with 403', async () => {
    const url = new URL(segments[0]!.segment_url);
    const signature = url.searchParams.get('signature')!;
    const tampered = new URL(url);
    tampered.searchParams.set('signature', `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`);
    const otherPath = new URL(segments[1]!.segment_url);
    otherPath.search = url.search; // another segment with the first one's signature
    const unsigned = new URL(url);
    unsigned.search = '';
    const past = Math.floor(Date.now() / 1000) - 5;
    const expired = new URL(url);
    expired.search = `?expires=${past}&signature=${signResource(signingKey(KEYS.ARGUS_INTERNAL_KEY, 'recordings'), url.pathname, past)}`;
    const extended = new URL(url);
    extended.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    for (const bad of [tampered, otherPath, unsigned, expired, extended]) {
      const res = await fetch(bad);
      expect(res.status, bad.toString()).toBe(403);
      expect(await res.json()).toEqual({ status: 'unauthorized', status_code: 403, detail: expect.any(String) });
    }
  });

  it('gives a signed index (18.2) that ffprobe reads back as video', async () => {
    const res = await stack.rest('GET', '/segments/index', { token: stack.adminToken, query: { stream_id: live.id } });
    expectSpec(res, 200);
    expect(new URL(res.body.index_url).searchParams.get('signature')).toBe(res.body.signature);
    const playlist = await (await fetch(res.body.index_url)).text();
    expect(playlist).toContain('#EXT-X-ENDLIST');
    expect(playlist).toMatch(/\n\.\.\/\d{4}-\d{2}-\d{2}\/\d{2}\/[^\n]+\.ts\?expires=\d+&signature=/);
    const probed = await probeFile(res.body.index_url);
    expect(probed.durationSec).toBeGreaterThan(0);
    expect(probed.streams.some((s) => s.codecType === 'video' && s.codecName === 'h264')).toBe(true);
    const tampered = new URL(res.body.index_url);
    tampered.searchParams.set('expires', String(Number(tampered.searchParams.get('expires')) + 1));
    expect((await fetch(tampered)).status).toBe(403);
    // a camera with nothing recorded has no index
    expectSpec(
      await stack.rest('GET', '/segments/index', { token: stack.adminToken, query: { stream_id: down.id } }),
      404,
    );
  }, 30_000);

  it('drops what retention deleted from the listing', async () => {
    const dir = cameraRecordingDir(recordingsDir, live.id);
    const real = (await listSegments(dir, 0, Date.now() + 60_000))[0]!;
    const oldMs = Date.now() - 3 * DAY_S * 1000;
    const file = path.join(
      dir,
      hourDirOf(oldMs),
      segmentFileName({ startMs: oldMs, runId: 'old', sequence: 0, durationMs: real.durationMs }),
    );
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(real.path, file);
    const oldS = Math.floor(oldMs / 1000);
    const listed = await segmentsOf(stack.adminToken, live.id, oldS - 10, oldS + 10);
    expectSpec(listed, 200);
    expect(listed.body.segments).toHaveLength(1);

    const updated = await stack.rest('PUT', `/cameras/${live.id}`, {
      token: stack.adminToken,
      json: {
        name: live.name,
        place_id: placeId,
        source: { url: camera.url, transport: 'tcp' },
        video_storage: { enabled: true, retention_days: 1 },
      },
    });
    expectSpec(updated, 200);
    await until(
      async () =>
        (await segmentsOf(stack.adminToken, live.id, oldS - 10, oldS + 10)).body.segments.length === 0
          ? true
          : undefined,
      15_000,
      'retention',
    );
    // the recent recording is kept
    const recent = await segmentsOf(stack.adminToken, live.id, startedS - 60, Math.floor(Date.now() / 1000) + 60);
    expect(recent.body.segments.length).toBeGreaterThanOrEqual(3);
  }, 30_000);
});

describe('camera snapshots (19.2)', () => {
  it('answers a fresh JPEG of a live camera and 503 for a camera that is down', async () => {
    const response = await until(
      async () => {
        const res = await fetch(`${stack.restUrl}/api/v1/camerasnapshots/${live.id}`, {
          headers: { authorization: `Bearer ${stack.adminToken}` },
        });
        return res.status === 200 ? res : undefined;
      },
      20_000,
      'a snapshot',
    );
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = new Uint8Array(await response.arrayBuffer());
    expect([jpeg[0], jpeg[1], jpeg[2]]).toEqual([0xff, 0xd8, 0xff]);
    expect(Date.now() - Date.parse(response.headers.get('last-modified')!)).toBeLessThan(12_000);

    const unavailable = await stack.rest('GET', `/camerasnapshots/${down.id}`, { token: stack.adminToken });
    expectSpec(unavailable, 503);
    expect(unavailable.body).toEqual(errorBody('temporarily_unavailable', 503));
  }, 30_000);
});

describe('who may read recordings', () => {
  it("needs a token (401), the permission (403) and a camera of the caller's organization (404)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const calls = (token: string | undefined) => [
      segmentsOf(token, live.id, now - 60, now),
      stack.rest('GET', '/segments/index', { token, query: { stream_id: live.id } }),
      stack.rest('GET', `/camerasnapshots/${live.id}`, { token }),
    ];
    for (const res of await Promise.all(calls(undefined))) expectSpec(res, 401);
    for (const res of await Promise.all(calls('not-a-token'))) expectSpec(res, 401);

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
    for (const res of await Promise.all(calls(stranger.token))) {
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    expectSpec(await segmentsOf(viewer.token, live.id, now - 60, now), 200);
  }, 60_000);

  it('refuses bad input with 422', async () => {
    const token = stack.adminToken;
    expectValidation(await segmentsOf(token, 'not-a-uuid', 1, 2), ['query', 'stream_id']);
    expectValidation(await stack.rest('GET', '/segments', { token, query: { stream_id: live.id, ts_to: 2 } }), [
      'query',
      'ts_from',
    ]);
    expectValidation(await segmentsOf(token, live.id, 100, 50), ['query', 'ts_to']);
    expectValidation(await stack.rest('GET', '/segments/index', { token }), ['query', 'stream_id']);
    expectValidation(await stack.rest('GET', '/camerasnapshots/not-a-uuid', { token }), ['path', 'camera_id']);
  });
});
