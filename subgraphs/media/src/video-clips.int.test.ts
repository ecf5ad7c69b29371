import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLogger, type AuditEntry, type Database, type Viewer } from '@argus/core';
import { buildApp, mediaEngineConfig, type MediaEngineApp } from '@argus/media-engine';
import { VideoClipRepository } from '@argus/media-engine/clips';
import { StaticCameraDirectory } from '@argus/media-engine/cluster';
import { cameraRecordingDir, recordingExtent } from '@argus/media-engine/recording';
import { startRtspTestServer, type RtspTestServer } from '@argus/media-engine/rtsp-test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { CameraOwnerReader, ClipRequests, StreamServerClient, VideoClipReader } from '@argus/media-engine/client';
import { OwnerRecordedRanges } from './services/video-clip-ports.js';
import { VideoClipService, type VideoClipView } from './services/video-clip.service.js';
import { until } from '../../../test/support/waiting.js';

/**
 * Video clips end to end below GraphQL: a real engine records a GStreamer RTSP camera with ffmpeg,
 * the media subgraph's clip service queues clips on pg-boss (same database), the engine cuts them.
 * The engine's ffmpeg reads at real time (-readrate 1) so a clip runs for seconds: long enough to
 * see progress and to abort it.
 */
const exec = promisify(execFile);
const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'video-clip-tests-signing-key-0123456789abcdef',
  ARGUS_INTERNAL_KEY: 'video-clip-tests-internal-key-0123456789abcdef',
};
const CAMERA = randomUUID();
const logger = createLogger('video-clips-test', 'warn');

let database: Database;
let camera: RtspTestServer;
let root: string;
let engine: MediaEngineApp | undefined;
let service: VideoClipService;
let requests: ClipRequests;
const audit: AuditEntry[] = [];

const viewer = (userId: number, organizationId = 1): Viewer => ({
  userId,
  organizationId,
  isSuperuser: false,
  roleId: 2,
  groupIds: [],
  tokenId: 't',
  permissions: ['videoclip_create', 'videoclip_read', 'videoclip_delete'],
});

function engineApp(): MediaEngineApp {
  const config = mediaEngineConfig({
    ...KEYS,
    ARGUS_DATA_DIR: root,
    RECORDINGS_DIR: path.join(root, 'recordings'),
    CLIPS_DIR: path.join(root, 'clips'),
    STREAMSERVER_ID: 'clip-engine-1',
    STREAMSERVER_HEARTBEAT_MS: '500',
    STREAMSERVER_TTL_MS: '4000',
    LOG_LEVEL: 'warn',
    FFMPEG_PATH: path.join(root, 'ffmpeg-realtime'),
  });
  return buildApp(config, {
    database,
    logger,
    cameras: new StaticCameraDirectory([
      {
        id: CAMERA,
        source: { url: camera.url, transport: 'tcp' },
        schedulerGroup: null,
        schedulerTags: [],
        recording: true,
      },
    ]),
  });
}

function makeService(userQuota: number): VideoClipService {
  return new VideoClipService({
    clips: new VideoClipReader(database.db),
    requests,
    cameras: { visible: async (_viewer, id) => (id === CAMERA ? { id, name: 'Gate' } : null) },
    recorded: new OwnerRecordedRanges(
      new CameraOwnerReader(database.db),
      new StreamServerClient(KEYS.ARGUS_INTERNAL_KEY),
    ),
    audit: { record: async (_viewer, entry) => void audit.push(entry) },
    internalKey: KEYS.ARGUS_INTERNAL_KEY,
    userQuota,
    urlTtlSeconds: 600,
    progressPollMs: 200,
  });
}

const extent = () => recordingExtent(cameraRecordingDir(path.join(root, 'recordings'), CAMERA));

beforeAll(async () => {
  database = await openTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'argus-clips-'));
  await writeFile(path.join(root, 'ffmpeg-realtime'), '#!/bin/sh\nexec ffmpeg -readrate 1 "$@"\n');
  await chmod(path.join(root, 'ffmpeg-realtime'), 0o755);
  camera = await startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10 });
  requests = new ClipRequests(database, logger);
  service = makeService(50);
  engine = engineApp();
  await engine.start();
  await until(
    async () => {
      const e = await extent();
      return e && e.endMs - e.startMs >= 9000;
    },
    45_000,
    '9 s recorded',
  );
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await requests?.close();
  await camera?.stop();
  await database?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('video clips', () => {
  it('queues a clip, runs it with growing progress, and serves an MP4 of the range', async () => {
    const { startMs } = (await extent())!;
    const from = new Date(startMs + 2000);
    const to = new Date(startMs + 6000);
    const clip = await service.create(viewer(1), { cameraId: CAMERA, rangeStart: from, rangeEnd: to });
    expect(clip).toMatchObject({ status: 'queued', camera_name: 'Gate', progress: 0, resultUrl: null });
    expect(audit.at(-1)).toMatchObject({ actionType: 'videoclip_create', meta: { videoclip_id: clip.id } });

    const seen: VideoClipView[] = [];
    for await (const update of await service.progress(viewer(1), clip.id)) seen.push(update);
    const statuses = [...new Set(seen.map((s) => s.status))];
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('done');
    const running = seen.filter((s) => s.status === 'running').map((s) => s.progress);
    expect(running.some((p) => p > 0 && p < 1)).toBe(true);
    expect([...running].sort((a, b) => a - b)).toEqual(running);

    const done = (await service.get(viewer(1), clip.id))!;
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.finished_at).toBeInstanceOf(Date);
    expect(done.resultUrl).toMatch(/\/clips\/[0-9a-f-]{36}\.mp4\?expires=\d+&signature=/);
    const response = await fetch(done.resultUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const file = path.join(root, 'download.mp4');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const probe = JSON.parse(
      (await exec('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file])).stdout,
    ) as {
      format: { format_name: string; duration: string };
      streams: { codec_type: string }[];
    };
    expect(probe.format.format_name).toContain('mp4');
    expect(probe.streams.some((s) => s.codec_type === 'video')).toBe(true);
    // starts at the key frame at or before range_start (keyint 1 s here)
    expect(Number(probe.format.duration)).toBeGreaterThan(3.5);
    expect(Number(probe.format.duration)).toBeLessThan(5.6);

    const tampered = done.resultUrl!.replace(/signature=[^&]+/, 'signature=AAAA');
    expect((await fetch(tampered)).status).toBe(403);
  }, 40_000);

  it('refuses a range outside the archive, an unknown camera and a user over quota', async () => {
    const { startMs } = (await extent())!;
    await expect(
      service.create(viewer(2), {
        cameraId: CAMERA,
        rangeStart: new Date(startMs - 3_600_000),
        rangeEnd: new Date(startMs - 3_000_000),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', status: 'videoclip_invalid_time_range' });
    await expect(
      service.create(viewer(2), {
        cameraId: CAMERA,
        rangeStart: new Date(startMs + 5000),
        rangeEnd: new Date(startMs + 1000),
      }),
    ).rejects.toMatchObject({ status: 'videoclip_invalid_time_range' });
    await expect(
      service.create(viewer(2), {
        cameraId: randomUUID(),
        rangeStart: new Date(startMs),
        rangeEnd: new Date(startMs + 1000),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', status: 'videoclip_camera_not_found' });

    const limited = makeService(2);
    const range = { cameraId: CAMERA, rangeStart: new Date(startMs + 1000), rangeEnd: new Date(startMs + 8000) };
    const [a, b] = await Promise.all([limited.create(viewer(3), range), limited.create(viewer(3), range)]);
    await expect(limited.create(viewer(3), range)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      status: 'videoclip_user_quota_exceeded',
    });
    // another user has a quota of their own; a finished clip no longer counts
    const other = await limited.create(viewer(4), range);
    expect(other.status).toBe('queued');
    await limited.delete(viewer(3), a!.id);
    expect((await limited.get(viewer(3), a!.id))?.status).toBe('aborted');
    const again = await limited.create(viewer(3), range);
    // another organization sees none of them
    expect(await service.get(viewer(3, 2), b!.id)).toBeNull();
    await expect(service.delete(viewer(3, 2), b!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const [user, id] of [
      [3, b!.id],
      [4, other.id],
      [3, again.id],
    ] as const)
      await limited.delete(viewer(user), id);
  }, 30_000);

  it('aborts a running clip on delete: its ffmpeg stops and no file is left', async () => {
    const { startMs } = (await extent())!;
    const clip = await service.create(viewer(5), {
      cameraId: CAMERA,
      rangeStart: new Date(startMs + 500),
      rangeEnd: new Date(startMs + 8500),
    });
    await until(
      async () => {
        const c = await service.get(viewer(5), clip.id);
        return c?.status === 'running' && c.progress > 0;
      },
      30_000,
      'the clip running',
    );
    await service.delete(viewer(5), clip.id);
    expect((await service.get(viewer(5), clip.id))?.status).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const row = (await new VideoClipRepository(database.db).get(clip.id))!;
    expect(row.status).toBe('aborted');
    expect(row.result_path).toBeNull();
    await expect(stat(path.join(root, 'clips', `${clip.id}.mp4`))).rejects.toMatchObject({ code: 'ENOENT' });
    // deleting the finished (aborted) clip removes it
    await service.delete(viewer(5), clip.id);
    expect(await service.get(viewer(5), clip.id)).toBeNull();
  }, 40_000);

  it('keeps a clip queued while no engine runs and cuts it once one starts again', async () => {
    await engine!.stop();
    engine = undefined;
    const { startMs } = (await extent())!;
    const clip = await service.create(viewer(6), {
      cameraId: CAMERA,
      rangeStart: new Date(startMs + 1000),
      rangeEnd: new Date(startMs + 3000),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await service.get(viewer(6), clip.id))?.status).toBe('queued');
    engine = engineApp();
    await engine.start();
    const done = await until(
      async () => {
        const c = await service.get(viewer(6), clip.id);
        return c?.status === 'done' && c;
      },
      40_000,
      'the clip done after the restart',
    );
    expect((await fetch(done.resultUrl!)).status).toBe(200);
  }, 50_000);

  it('lists clips by camera, status and creation time', async () => {
    const all = await service.list(viewer(1), {});
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.map((c) => c.created_at.getTime())).toEqual(
      [...all].map((c) => c.created_at.getTime()).sort((a, b) => b - a),
    );
    const done = await service.list(viewer(1), { status: 'done' });
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.every((c) => c.status === 'done' && c.resultUrl)).toBe(true);
    expect(await service.list(viewer(1), { cameraId: randomUUID() })).toEqual([]);
    expect((await service.list(viewer(1), { cameraId: CAMERA })).length).toBe(all.length);
    expect(await service.list(viewer(1), { createdFrom: new Date(Date.now() + 60_000) })).toEqual([]);
    expect((await service.list(viewer(1), { createdTo: new Date(Date.now() + 60_000) })).length).toBe(all.length);
    expect(await service.list(viewer(1, 2), {})).toEqual([]);
  });
});
