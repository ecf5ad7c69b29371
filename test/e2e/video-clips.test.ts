import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildEngine, mediaEngineConfig, type MediaEngineApp } from '@argus/media-engine';
import { probeFile } from '@argus/media-engine/probe';
import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { errorBody, expectSpec, expectValidation, TestStack, type RestResult } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';
import { freePort, until } from '../support/waiting.js';

/**
 * Video clips (REST 27.1–27.4) and the videoClipProgress subscription through the router, against
 * the whole stack and a media engine recording a GStreamer camera. The engine's clip cuts read at
 * real time (-readrate 1, as in subgraphs/media/src/video-clips.int.test.ts) so that a clip runs
 * for about as long as it lasts: long enough to see it running, its progress, and to abort it.
 */

const KEYS = {
  ARGUS_INTERNAL_KEY: 'videoclips-e2e-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'videoclips-e2e-signing-key-0123456789abcdef',
};
/** VIDEOCLIP_USER_QUOTA of the stack: unfinished clips one user may have */
const QUOTA = 2;
const FINISHED = ['done', 'failed', 'aborted'];

interface Clip {
  id: string;
  camera_id: string;
  camera_name: string;
  range_start: string;
  range_end: string;
  created_at: string;
  finished_at?: string | null;
  progress?: number | null;
  result?: { url: string } | null;
  status: 'queued' | 'running' | 'failed' | 'aborted' | 'done';
}

let stack: TestStack;
let camera: RtspTestServer;
let engine: MediaEngineApp | undefined;
let root: string;
let recordingsDir: string;
let enginePort: number;
let topologyPort: number;
let live: Record<string, any>;
let placeId: number;
/** the first recorded second of the live camera (epoch s, from GET /segments) */
let recordedFromS: number;

const iso = (epochS: number) => new Date(epochS * 1000).toISOString();

async function startEngine(): Promise<void> {
  engine = buildEngine(
    mediaEngineConfig({
      ...KEYS,
      ARGUS_DATA_DIR: root,
      RECORDINGS_DIR: recordingsDir,
      CLIPS_DIR: path.join(root, 'clips'),
      STREAMSERVER_ID: 'videoclips-e2e',
      LOG_LEVEL: 'error',
      STREAMSERVER_HOST: `127.0.0.1:${enginePort}`,
      MEDIA_ENGINE_PORT: String(enginePort),
      TOPOLOGY_URL: `http://127.0.0.1:${topologyPort}/graphql`,
      STREAMSERVER_HEARTBEAT_MS: '500',
      STREAMSERVER_TTL_MS: '4000',
      FFMPEG_PATH: path.join(root, 'ffmpeg-realtime'),
    }),
    { database: stack.database },
  );
  await engine.start();
}

const createClip = (token: string | undefined, json: unknown) => stack.rest('POST', '/videoclips', { token, json });
const getClip = (token: string | undefined, id: string) => stack.rest('GET', `/videoclips/${id}`, { token });
const deleteClip = (token: string | undefined, id: string) => stack.rest('DELETE', `/videoclips/${id}`, { token });
const listClips = (token: string | undefined, query: Record<string, string | undefined> = {}) =>
  stack.rest('GET', '/videoclips', { token, query });

/** POST 27.2 over [fromS, toS] of the live camera, answering the spec-valid clip. */
async function scheduled(fromS: number, toS: number, token = stack.adminToken): Promise<Clip> {
  const res = await createClip(token, { camera_id: live.id, range_start: iso(fromS), range_end: iso(toS) });
  expectSpec(res, 200);
  return res.body as Clip;
}

/** GET 27.3 until the clip is in one of `statuses`. */
async function clipIn(
  id: string,
  statuses: string[],
  timeoutMs: number,
  token = stack.adminToken,
  check?: (clip: Clip) => boolean,
): Promise<Clip> {
  return until(
    async () => {
      const res = await getClip(token, id);
      expectSpec(res, 200);
      const clip = res.body as Clip;
      return statuses.includes(clip.status) && (!check || check(clip)) ? clip : undefined;
    },
    timeoutMs,
    `clip ${id} ${statuses.join('|')}`,
    200,
  );
}

function expectClipError(res: RestResult, status: number, name: string): void {
  expectSpec(res, status);
  expect(res.body).toEqual(errorBody(name, status));
}

/** The downloaded clip: its MP4 probed by ffprobe over the result URL. */
async function expectMp4(url: string, seconds: number): Promise<void> {
  const head = await fetch(url, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-type')).toBe('video/mp4');
  const download = await fetch(url);
  expect(download.status).toBe(200);
  const bytes = new Uint8Array(await download.arrayBuffer());
  expect(bytes.length).toBe(Number(head.headers.get('content-length')));
  expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('ftyp');
  const probed = await probeFile(url);
  expect(probed.formatName).toContain('mp4');
  expect(probed.streams.some((s) => s.codecType === 'video' && s.codecName === 'h264')).toBe(true);
  // starts at the key frame at or before range_start (one per second here); ends at range_end
  expect(probed.durationSec).toBeGreaterThan(seconds - 0.5);
  expect(probed.durationSec).toBeLessThan(seconds + 1.6);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-videoclips-e2e-'));
  recordingsDir = path.join(root, 'recordings');
  // clip cuts (ffconcat input) read at real time; ingest runs as it does in production
  await writeFile(
    path.join(root, 'ffmpeg-realtime'),
    '#!/bin/sh\ncase " $* " in *" -f concat "*) exec ffmpeg -readrate 1 "$@" ;; esac\nexec ffmpeg "$@"\n',
  );
  await chmod(path.join(root, 'ffmpeg-realtime'), 0o755);
  [topologyPort, enginePort] = [await freePort(), await freePort()];
  [stack, camera] = await Promise.all([
    // RECORDINGS_DIR: the media subgraph reads the archive there while no engine holds the camera (one host)
    TestStack.start({
      env: {
        ...KEYS,
        TOPOLOGY_PORT: String(topologyPort),
        VIDEOCLIP_USER_QUOTA: String(QUOTA),
        RECORDINGS_DIR: recordingsDir,
      },
    }),
    startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10 }),
  ]);
  placeId = (await createPlace(stack, stack.adminToken)).id;
  const res = await stack.rest('POST', '/cameras', {
    token: stack.adminToken,
    json: {
      name: stack.unique('Clip cam '),
      place_id: placeId,
      source: { url: camera.url, transport: 'tcp' },
      video_storage: { enabled: true, retention_days: 30 },
    },
  });
  expectSpec(res, 200);
  live = res.body;
  await startEngine();
  // a dozen seconds recorded, as the REST user sees them
  recordedFromS = await until(
    async () => {
      const now = Math.floor(Date.now() / 1000);
      const segments = await stack.rest('GET', '/segments', {
        token: stack.adminToken,
        query: { stream_id: live.id, ts_from: now - 600, ts_to: now + 60 },
      });
      expectSpec(segments, 200);
      const list = segments.body.segments as { ts_start: number; ts_end: number }[];
      return list.length > 0 && list.at(-1)!.ts_end - list[0]!.ts_start >= 12 ? list[0]!.ts_start : undefined;
    },
    60_000,
    '12 s recorded',
  );
}, 120_000);

afterAll(async () => {
  await engine?.stop();
  await camera?.stop();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a video clip from schedule to download (27.2, 27.3)', () => {
  it('queues a clip of the range, runs it with growing progress, and serves an MP4 of the range', async () => {
    const from = recordedFromS + 2;
    const to = recordedFromS + 6;
    const created = await scheduled(from, to);
    expect(created).toMatchObject({
      camera_id: live.id,
      camera_name: live.name,
      status: expect.stringMatching(/^(queued|running)$/),
    });
    expect(Date.parse(created.range_start)).toBe(from * 1000);
    expect(Date.parse(created.range_end)).toBe(to * 1000);
    expect(Math.abs(Date.parse(created.created_at) - Date.now())).toBeLessThan(30_000);
    expect(created.result ?? null).toBeNull();
    expect(created.finished_at ?? null).toBeNull();
    expect(created.progress ?? 0).toBeLessThan(1);

    const progress: number[] = [];
    const running = await clipIn(
      created.id,
      ['running', ...FINISHED],
      30_000,
      stack.adminToken,
      (c) => c.status !== 'running' || (c.progress ?? 0) > 0,
    );
    expect(running.status).toBe('running');
    progress.push(running.progress!);
    const done = await until(
      async () => {
        const res = await getClip(stack.adminToken, created.id);
        expectSpec(res, 200);
        if (res.body.status === 'running') progress.push(res.body.progress);
        return FINISHED.includes(res.body.status) ? (res.body as Clip) : undefined;
      },
      40_000,
      'the clip done',
      200,
    );
    expect(done.status).toBe('done');
    expect(progress.every((p) => p >= 0 && p < 1)).toBe(true);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(done.progress).toBe(1);
    expect(Date.parse(done.finished_at!)).toBeGreaterThanOrEqual(Date.parse(done.created_at));
    expect(done).toMatchObject({
      id: created.id,
      camera_id: live.id,
      camera_name: live.name,
      range_start: created.range_start,
      range_end: created.range_end,
      created_at: created.created_at,
    });
    await expectMp4(done.result!.url, to - from);
  }, 90_000);

  it('signs the result URL: tampered or for another clip, it is refused', async () => {
    const [done] = (await listClips(stack.adminToken, { status: 'done' })).body.videoclips as Clip[];
    const url = new URL(done!.result!.url);
    const tampered = new URL(url);
    const signature = url.searchParams.get('signature')!;
    tampered.searchParams.set('signature', `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`);
    const otherClip = new URL(url);
    otherClip.pathname = `/clips/${randomUUID()}.mp4`;
    for (const bad of [tampered, otherClip]) expect((await fetch(bad)).status, bad.toString()).toBe(403);
  });

  it('follows a clip over the videoClipProgress subscription through the router up to done', async () => {
    const client = stack.ws(stack.adminToken);
    const created = await scheduled(recordedFromS + 3, recordedFromS + 7);
    const updates: { id: string; status: string; progress: number; resultUrl: string | null }[] = [];
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe<{
        videoClipProgress: { id: string; status: string; progress: number; resultUrl: string | null };
      }>(
        {
          query: 'subscription($id: ID!) { videoClipProgress(id: $id) { id status progress resultUrl } }',
          variables: { id: created.id },
        },
        {
          next: (r) => {
            if (r.errors) resolve({ errors: r.errors });
            if (r.data) updates.push(r.data.videoClipProgress);
          },
          error: (e) => resolve({ failed: e }),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(outcome).toBe('complete');
    expect(updates.every((u) => u.id === created.id)).toBe(true);
    const statuses = [...new Set(updates.map((u) => u.status))];
    expect(['QUEUED', 'RUNNING']).toContain(statuses[0]);
    expect(statuses).toContain('RUNNING');
    expect(statuses.at(-1)).toBe('DONE');
    const running = updates.filter((u) => u.status === 'RUNNING').map((u) => u.progress);
    expect(running.some((p) => p > 0 && p < 1)).toBe(true);
    expect([...running].sort((a, b) => a - b)).toEqual(running);
    const last = updates.at(-1)!;
    expect(last.progress).toBe(1);
    expect(last.resultUrl).toMatch(/^http/);
    // what REST answers now agrees
    const rest = await getClip(stack.adminToken, created.id);
    expectSpec(rest, 200);
    expect(rest.body).toMatchObject({ status: 'done', progress: 1, result: { url: expect.any(String) } });
  }, 90_000);
});

describe('deleting a clip (27.4)', () => {
  it('aborts a running and a queued clip (they stay listed as aborted), then removes a finished one', async () => {
    const first = await scheduled(recordedFromS + 1, recordedFromS + 9);
    const second = await scheduled(recordedFromS + 1, recordedFromS + 9);
    // one clip at a time per camera: the second waits while the first runs
    await clipIn(first.id, ['running'], 30_000, stack.adminToken, (c) => (c.progress ?? 0) > 0);
    const waiting = await getClip(stack.adminToken, second.id);
    expectSpec(waiting, 200);
    expect(waiting.body.status).toBe('queued');

    for (const clip of [second, first]) {
      const res = await deleteClip(stack.adminToken, clip.id);
      expectSpec(res, 204);
      const after = await getClip(stack.adminToken, clip.id);
      expectSpec(after, 200);
      expect(after.body).toMatchObject({ id: clip.id, status: 'aborted' });
      expect(after.body.result ?? null).toBeNull();
      expect(after.body.finished_at).toEqual(expect.any(String));
    }
    // the aborted ones never become done: a clip asked for after them (same camera queue, one at a time) is cut first
    const next = await scheduled(recordedFromS + 1, recordedFromS + 2);
    expect((await clipIn(next.id, FINISHED, 40_000)).status).toBe('done');
    for (const clip of [first, second]) expect((await getClip(stack.adminToken, clip.id)).body.status).toBe('aborted');

    // deleting a finished clip removes it
    expectSpec(await deleteClip(stack.adminToken, first.id), 204);
    const gone = await getClip(stack.adminToken, first.id);
    expectSpec(gone, 404);
    expect(gone.body).toEqual(errorBody('not_found', 404));
    const again = await deleteClip(stack.adminToken, first.id);
    expectSpec(again, 404);
    expect(again.body).toEqual(errorBody('not_found', 404));
    expectSpec(await deleteClip(stack.adminToken, randomUUID()), 404);
  }, 60_000);
});

describe('refused clips (27.2)', () => {
  it('answers 400 videoclip_invalid_time_range for a range outside the archive or not increasing', async () => {
    const outside = [
      [recordedFromS - 7200, recordedFromS - 3600], // long before the recording
      [Math.floor(Date.now() / 1000) + 3600, Math.floor(Date.now() / 1000) + 3700], // the future
      [recordedFromS + 6, recordedFromS + 2], // backwards
      [recordedFromS + 4, recordedFromS + 4], // empty
    ] as const;
    for (const [from, to] of outside) {
      expectClipError(
        await createClip(stack.adminToken, { camera_id: live.id, range_start: iso(from), range_end: iso(to) }),
        400,
        'videoclip_invalid_time_range',
      );
    }
  });

  it("answers 404 videoclip_camera_not_found for an unknown camera and another organization's camera", async () => {
    const range = { range_start: iso(recordedFromS + 1), range_end: iso(recordedFromS + 3) };
    expectClipError(
      await createClip(stack.adminToken, { camera_id: randomUUID(), ...range }),
      404,
      'videoclip_camera_not_found',
    );
    const organization = await stack.createOrganization();
    const stranger = await stack.member(organization.id, 'operator');
    expectClipError(
      await createClip(stranger.token, { camera_id: live.id, ...range }),
      404,
      'videoclip_camera_not_found',
    );
    // and sees none of this organization's clips
    const mine = await scheduled(recordedFromS + 1, recordedFromS + 2);
    const theirs = await listClips(stranger.token);
    expectSpec(theirs, 200);
    expect(theirs.body.videoclips).toEqual([]);
    for (const res of [await getClip(stranger.token, mine.id), await deleteClip(stranger.token, mine.id)]) {
      expectSpec(res, 404);
      expect(res.body).toEqual(errorBody('not_found', 404));
    }
    // nor follows one
    const followed = await new Promise<unknown>((resolve) => {
      stack.ws(stranger.token).subscribe(
        { query: 'subscription($id: ID!) { videoClipProgress(id: $id) { status } }', variables: { id: mine.id } },
        {
          next: (r) => resolve(r),
          error: (e) => resolve({ failed: e }),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(followed).toMatchObject({
      errors: [{ message: 'Video clip not found', extensions: { code: 'NOT_FOUND' } }],
    });
    expect((await getClip(stack.adminToken, mine.id)).body.status).not.toBe('aborted');
    expectSpec(await deleteClip(stack.adminToken, mine.id), 204);
  }, 60_000);

  it(`answers 429 videoclip_user_quota_exceeded beyond ${QUOTA} unfinished clips of a user, not counting others' or finished ones`, async () => {
    const [operator, other] = await Promise.all([
      stack.member(undefined, 'operator'),
      stack.member(undefined, 'operator'),
    ]);
    const long = { camera_id: live.id, range_start: iso(recordedFromS + 1), range_end: iso(recordedFromS + 10) };
    const mine: Clip[] = [];
    for (let i = 0; i < QUOTA; i++) {
      const res = await createClip(operator.token, long);
      expectSpec(res, 200);
      mine.push(res.body);
    }
    expectClipError(await createClip(operator.token, long), 429, 'videoclip_user_quota_exceeded');
    // another user has a quota of their own
    const theirs = await createClip(other.token, long);
    expectSpec(theirs, 200);
    // an aborted clip no longer counts
    expectSpec(await deleteClip(operator.token, mine[0]!.id), 204);
    const again = await createClip(operator.token, long);
    expectSpec(again, 200);
    expectClipError(await createClip(operator.token, long), 429, 'videoclip_user_quota_exceeded');
    for (const [token, id] of [
      [operator.token, mine[1]!.id],
      [operator.token, again.body.id],
      [other.token, theirs.body.id],
    ] as const) {
      expectSpec(await deleteClip(token, id), 204);
    }
    expectSpec(await createClip(operator.token, { ...long, range_end: iso(recordedFromS + 2) }), 200);
  }, 60_000);
});

describe('listing clips (27.1)', () => {
  it("lists the organization's clips newest first, filtered by camera, status and creation time", async () => {
    // everything started above is finished, aborted or done soon
    const all = await until(
      async () => {
        const res = await listClips(stack.adminToken);
        expectSpec(res, 200);
        const clips = res.body.videoclips as Clip[];
        return clips.every((c) => FINISHED.includes(c.status)) ? res : undefined;
      },
      60_000,
      'every clip finished',
    );
    const clips = all.body.videoclips as Clip[];
    expect(all.body.pagination).toEqual(expect.objectContaining({}));
    expect(all.body.pagination.cursor ?? null).toBeNull();
    expect(clips.length).toBeGreaterThanOrEqual(8);
    const created = clips.map((c) => Date.parse(c.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(new Set(clips.map((c) => c.id)).size).toBe(clips.length);
    expect(new Set(clips.map((c) => c.status))).toEqual(new Set(['done', 'aborted']));

    const byStatus = async (status: string) => {
      const res = await listClips(stack.adminToken, { status });
      expectSpec(res, 200);
      return (res.body.videoclips as Clip[]).map((c) => c.id);
    };
    for (const status of ['done', 'aborted', 'queued', 'running', 'failed']) {
      expect(await byStatus(status)).toEqual(clips.filter((c) => c.status === status).map((c) => c.id));
    }
    for (const clip of clips.filter((c) => c.status === 'done'))
      expect(clip).toMatchObject({ progress: 1, result: { url: expect.any(String) } });

    const byCamera = await listClips(stack.adminToken, { camera_id: live.id });
    expectSpec(byCamera, 200);
    expect(byCamera.body.videoclips.map((c: Clip) => c.id)).toEqual(clips.map((c) => c.id));
    const otherCamera = await listClips(stack.adminToken, { camera_id: randomUUID() });
    expectSpec(otherCamera, 200);
    expect(otherCamera.body.videoclips).toEqual([]);

    // creation time: inclusive bounds, as answered in created_at
    const oldest = clips.at(-1)!;
    const middle = clips[Math.floor(clips.length / 2)]!;
    const newest = clips[0]!;
    const between = async (start?: string, end?: string) => {
      const res = await listClips(stack.adminToken, { created_at_start: start, created_at_end: end });
      expectSpec(res, 200);
      return (res.body.videoclips as Clip[]).map((c) => c.id);
    };
    const within = (start: string, end: string) =>
      clips
        .filter((c) => Date.parse(c.created_at) >= Date.parse(start) && Date.parse(c.created_at) <= Date.parse(end))
        .map((c) => c.id);
    expect(await between(middle.created_at, newest.created_at)).toEqual(within(middle.created_at, newest.created_at));
    expect(await between(oldest.created_at, middle.created_at)).toEqual(within(oldest.created_at, middle.created_at));
    expect(await between(middle.created_at, middle.created_at)).toContain(middle.id);
    expect(await between(middle.created_at)).toEqual(within(middle.created_at, newest.created_at));
    expect(await between(undefined, middle.created_at)).toEqual(within(oldest.created_at, middle.created_at));
    expect(await between(new Date(Date.now() + 60_000).toISOString())).toEqual([]);
    expect(await between(undefined, new Date(Date.parse(oldest.created_at) - 60_000).toISOString())).toEqual([]);
    // filters combine
    const doneAfterMiddle = await listClips(stack.adminToken, {
      status: 'done',
      camera_id: live.id,
      created_at_start: middle.created_at,
    });
    expectSpec(doneAfterMiddle, 200);
    expect(doneAfterMiddle.body.videoclips.map((c: Clip) => c.id)).toEqual(
      clips
        .filter((c) => c.status === 'done' && Date.parse(c.created_at) >= Date.parse(middle.created_at))
        .map((c) => c.id),
    );
  }, 90_000);
});

describe('who may work with clips', () => {
  it('needs a token (401) and the permission (403): viewers read clips, operators make them', async () => {
    const [clip] = (await listClips(stack.adminToken, { status: 'done' })).body.videoclips as Clip[];
    const body = { camera_id: live.id, range_start: iso(recordedFromS + 1), range_end: iso(recordedFromS + 2) };
    const calls = (token: string | undefined) => [
      listClips(token),
      createClip(token, body),
      getClip(token, clip!.id),
      deleteClip(token, clip!.id),
    ];
    for (const res of await Promise.all(calls(undefined))) {
      expectSpec(res, 401);
      expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
    }
    for (const res of await Promise.all(calls('not-a-token'))) expectSpec(res, 401);

    const camerasOnly = await stack.createRole(['camera_read'], stack.unique('cameras-only-'));
    const [limited, viewer] = await Promise.all([
      stack.member(undefined, camerasOnly),
      stack.member(undefined, 'viewer'),
    ]);
    for (const res of await Promise.all(calls(limited.token))) {
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
    // a viewer reads clips but neither makes nor deletes them
    const [list, create, get, del] = await Promise.all(calls(viewer.token));
    expectSpec(list!, 200);
    expect(list!.body.videoclips.map((c: Clip) => c.id)).toContain(clip!.id);
    expectSpec(get!, 200);
    expect(get!.body.id).toBe(clip!.id);
    for (const res of [create!, del!]) {
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
    expect((await getClip(stack.adminToken, clip!.id)).body.status).toBe('done');
    // nor follows one without videoclip_read
    const outcome = await new Promise<unknown>((resolve) => {
      stack.ws(limited.token).subscribe(
        { query: 'subscription($id: ID!) { videoClipProgress(id: $id) { status } }', variables: { id: clip!.id } },
        {
          next: (r) => resolve(r),
          error: (e) => resolve({ failed: e }),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(outcome).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((outcome as { data?: unknown }).data ?? null).toBeNull();
  }, 60_000);

  it('refuses malformed input with 422', async () => {
    const token = stack.adminToken;
    const range = { range_start: iso(recordedFromS + 1), range_end: iso(recordedFromS + 2) };
    expectValidation(await createClip(token, { ...range }), ['body', 'camera_id']);
    expectValidation(await createClip(token, { camera_id: live.id, range_end: range.range_end }), [
      'body',
      'range_start',
    ]);
    expectValidation(await createClip(token, { camera_id: live.id, range_start: range.range_start }), [
      'body',
      'range_end',
    ]);
    expectValidation(await createClip(token, { camera_id: live.id, ...range, range_end: 12 }), ['body', 'range_end']);
    expectValidation(await stack.rest('POST', '/videoclips', { token, json: [] }), ['body']);
    expectValidation(await getClip(token, 'not-a-uuid'), ['path', 'videoclip_id']);
    expectValidation(await deleteClip(token, 'not-a-uuid'), ['path', 'videoclip_id']);
    expectValidation(await listClips(token, { camera_id: 'not-a-uuid' }), ['query', 'camera_id']);
    expectValidation(await listClips(token, { status: 'finished' }), ['query', 'status']);
    expectValidation(await listClips(token, { created_at_start: 'last week' }), ['query', 'created_at_start']);
    expectValidation(await listClips(token, { created_at_end: '2024-13-45T00:00:00Z' }), ['query', 'created_at_end']);
  });
});

describe('a range that is not a date-time', () => {
  it('answers 422 at [body, range_start] / [body, range_end]', async () => {
    expectValidation(
      await createClip(stack.adminToken, {
        camera_id: live.id,
        range_start: 'yesterday',
        range_end: new Date().toISOString(),
      }),
      ['body', 'range_start'],
    );
    expectValidation(
      await createClip(stack.adminToken, {
        camera_id: live.id,
        range_start: new Date().toISOString(),
        range_end: '2024-13-45T00:00:00Z',
      }),
      ['body', 'range_end'],
    );
  });
});

describe('a range as FastAPI reads a date-time', () => {
  it('takes a bound without an offset (UTC) or with a space for the T', async () => {
    const naive = (epochS: number) => iso(epochS).slice(0, 19);
    const res = await createClip(stack.adminToken, {
      camera_id: live.id,
      range_start: naive(recordedFromS + 1),
      range_end: naive(recordedFromS + 2).replace('T', ' '),
    });
    expectSpec(res, 200);
    expect([res.body.range_start, res.body.range_end]).toEqual([iso(recordedFromS + 1), iso(recordedFromS + 2)]);
    expectSpec(await deleteClip(stack.adminToken, res.body.id), 204);
  });
});

describe('clips and a restart of the engine', () => {
  it('a clip interrupted by the engine stopping, and one asked for while it is down, are cut once it is back', async () => {
    const interrupted = await scheduled(recordedFromS + 2, recordedFromS + 8);
    await clipIn(interrupted.id, ['running'], 30_000, stack.adminToken, (c) => (c.progress ?? 0) > 0);
    await engine!.stop();
    engine = undefined;
    const afterStop = await getClip(stack.adminToken, interrupted.id);
    expectSpec(afterStop, 200);
    expect(afterStop.body.status).toBe('queued');
    const whileDown = await scheduled(recordedFromS + 4, recordedFromS + 6);
    expect(whileDown.status).toBe('queued');
    expect((await getClip(stack.adminToken, interrupted.id)).body.status).toBe('queued');

    await startEngine();
    for (const [clip, seconds] of [
      [interrupted, 6],
      [whileDown, 2],
    ] as const) {
      const done = await clipIn(clip.id, FINISHED, 90_000);
      expect(done.status).toBe('done');
      expect(done.progress).toBe(1);
      await expectMp4(done.result!.url, seconds);
    }
  }, 180_000);
});
