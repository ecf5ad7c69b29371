import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { buildApp, mediaEngineConfig, type MediaEngineApp } from '../app.js';
import { StaticCameraDirectory } from '../cluster/scheduled-camera.js';
import { cameraRecordingDir } from '../recording/recording-layout.js';
import { listSegments } from '../recording/segment-index.js';
import { startRtspTestServer, type RtspTestServer } from '../rtsp-test-server/rtsp-test-server.js';
import { statusDb } from './status-db.js';
import { StreamStatusReader } from './stream-status.reader.js';
import { LapsedLeaseRecorder } from './lapsed-lease.recorder.js';
import { StreamStatusRepository } from './stream-status.repository.js';
import { until } from '../../../test/support/waiting.js';

/**
 * Stream statuses written by a real engine (ffmpeg against GStreamer's RTSP server): a camera
 * going away and coming back, a stopped engine, a takeover after a silent death.
 */

const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'media-engine-status-tests-signing-key-0123456789',
  ARGUS_INTERNAL_KEY: 'media-engine-status-tests-internal-key-0123456789',
};

let database: Database;
let rtsp: RtspTestServer;
let root: string;
let app: MediaEngineApp | undefined;

beforeAll(async () => {
  database = await openTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'argus-status-'));
  rtsp = await startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10 });
});

afterAll(async () => {
  await app?.stop();
  await rtsp?.stop();
  await database?.close();
  await rm(root, { recursive: true, force: true });
});

describe('stream status transitions', () => {
  it('records online, offline with a reason when the source goes away, and online again when it is back', async () => {
    const cameraId = randomUUID();
    const config = mediaEngineConfig({
      ...KEYS,
      ARGUS_DATA_DIR: root,
      RECORDINGS_DIR: path.join(root, 'recordings'),
      STREAMSERVER_ID: 'status-engine-1',
      STREAMSERVER_HOST: 'status-engine-1.local',
      STREAMSERVER_HEARTBEAT_MS: '500',
      STREAMSERVER_TTL_MS: '4000',
      LOG_LEVEL: 'warn',
    });
    app = buildApp(config, {
      database,
      cameras: new StaticCameraDirectory([
        {
          id: cameraId,
          source: { url: rtsp.url, username: null, password: null, transport: 'tcp' },
          schedulerGroup: null,
          schedulerTags: [],
          recording: false,
        },
      ]),
    });
    await app.start();
    const reader = new StreamStatusReader(database.db);
    const current = async () => (await reader.current([cameraId]))[0]!;

    const online = await until(
      async () => {
        const c = await current();
        return c.status === 'online' && c;
      },
      30_000,
      'the camera online',
    );
    expect(online).toMatchObject({
      streamServerId: 'status-engine-1',
      streamServerHost: 'status-engine-1.local',
      reason: null,
    });

    await rtsp.stop();
    const stoppedAt = Date.now();
    const offline = await until(
      async () => {
        const c = await current();
        return c.status === 'offline' && c;
      },
      20_000,
      'the camera offline',
    );
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(offline.reason).toMatch(/^(unreachable|exited|stalled)$/);
    expect(offline.streamServerId).toBe('status-engine-1');
    let downtimes = await reader.downtimes(cameraId);
    expect(downtimes).toHaveLength(1);
    expect(downtimes[0]).toMatchObject({ end: null, reason: offline.reason });

    rtsp = await rtsp.restart();
    await until(async () => (await current()).status === 'online', 40_000, 'the camera online again');
    downtimes = await reader.downtimes(cameraId);
    expect(downtimes).toHaveLength(1);
    expect(downtimes[0]!.end).toBeInstanceOf(Date);
    expect(downtimes[0]!.end!.getTime()).toBeGreaterThan(downtimes[0]!.start.getTime());
    // ingest resumes: the live window gets new segments
    const dir = cameraRecordingDir(config.recordingsDir, cameraId);
    const resumedAt = Date.now();
    await until(
      async () =>
        (await listSegments(dir, resumedAt - 1000, Date.now() + 60_000).catch(() => [])).length > 0 ||
        (await current()).status === 'online',
      20_000,
      'ingest resumed',
    );

    const [uptime] = await reader.uptimes([cameraId]);
    expect(uptime!.lifetimeSec).toBeGreaterThanOrEqual(1);
    expect(uptime!.availability).toBeGreaterThan(0);
    expect(uptime!.availability).toBeLessThan(100);

    // a stopped engine leaves the camera offline: no stream server
    await app.stop();
    app = undefined;
    expect(await current()).toMatchObject({ status: 'offline', reason: 'no_stream_server', streamServerId: null });
    expect((await reader.downtimes(cameraId)).at(-1)).toMatchObject({ end: null, reason: 'no_stream_server' });
  }, 90_000);

  it('counts an online camera whose server vanished as offline, and the next owner writes it down', async () => {
    const cameraId = randomUUID();
    const repo = new StreamStatusRepository(statusDb(database.db));
    const db = statusDb(database.db);
    // a server that said "online" and then died: its lease ran out
    await db
      .insertInto('stream_servers')
      .values({
        id: 'ghost',
        group: null,
        tags: [],
        host: null,
        ttl_ms: 1000,
        heartbeat_at: new Date(Date.now() - 5000),
      })
      .execute();
    await db
      .insertInto('camera_leases')
      .values({ camera_id: cameraId, streamserver_id: 'ghost', expires_at: new Date(Date.now() - 4000) })
      .execute();
    await repo.append(
      { cameraId, status: 'online', reason: null, detail: null, streamServerId: 'ghost' },
      new Date(Date.now() - 60_000),
    );
    const reader = new StreamStatusReader(database.db);
    const [c] = await reader.current([cameraId]);
    expect(c).toMatchObject({ status: 'offline', reason: 'no_stream_server', streamServerId: null });
    expect(await reader.downtimes(cameraId)).toEqual([
      expect.objectContaining({ end: null, reason: 'no_stream_server' }),
    ]);

    expect(await repo.closeForeignOnline(cameraId, 'heir', 'no_stream_server', 'gone')).toBe(true);
    expect(await repo.closeForeignOnline(cameraId, 'heir', 'no_stream_server', 'gone')).toBe(false);
    const [last] = await repo.latest([cameraId]);
    expect(last).toMatchObject({ status: 'offline', reason: 'no_stream_server', streamServerId: 'ghost' });
    expect(Math.abs(last!.at.getTime() - (Date.now() - 5000))).toBeLessThan(3000);
    // the same report twice is stored once
    expect(await repo.append({ cameraId, status: 'online', reason: null, detail: null, streamServerId: 'heir' })).toBe(
      true,
    );
    expect(await repo.append({ cameraId, status: 'online', reason: null, detail: null, streamServerId: 'heir' })).toBe(
      false,
    );
    const [uptime] = await reader.uptimes([cameraId]);
    expect(uptime!.lifetimeSec).toBeGreaterThanOrEqual(59);
    expect(uptime!.availability).toBeGreaterThan(80);
  });

  it('writes down once a lease that ran out under an online, and leaves valid leases and taken-over cameras alone', async () => {
    const [lapsed, held, takenOver] = [randomUUID(), randomUUID(), randomUUID()];
    const repo = new StreamStatusRepository(statusDb(database.db));
    const db = statusDb(database.db);
    const heartbeatAt = new Date(Date.now() - 6000);
    await db
      .insertInto('stream_servers')
      .values({ id: 'lapsed-ghost', group: null, tags: [], host: null, ttl_ms: 1000, heartbeat_at: heartbeatAt })
      .execute();
    await db
      .insertInto('camera_leases')
      .values([
        { camera_id: lapsed, streamserver_id: 'lapsed-ghost', expires_at: new Date(Date.now() - 5000) },
        { camera_id: held, streamserver_id: 'lapsed-alive', expires_at: new Date(Date.now() + 60_000) },
        { camera_id: takenOver, streamserver_id: 'lapsed-ghost', expires_at: new Date(Date.now() - 5000) },
      ])
      .execute();
    const minuteAgo = new Date(Date.now() - 60_000);
    await repo.append(
      { cameraId: lapsed, status: 'online', reason: null, detail: null, streamServerId: 'lapsed-ghost' },
      minuteAgo,
    );
    await repo.append(
      { cameraId: held, status: 'online', reason: null, detail: null, streamServerId: 'lapsed-alive' },
      minuteAgo,
    );
    // an heir already said online under the old row (the lease row is rewritten on its next claim)
    await repo.append(
      { cameraId: takenOver, status: 'online', reason: null, detail: null, streamServerId: 'lapsed-heir' },
      minuteAgo,
    );
    const reader = new StreamStatusReader(database.db);

    const lapses = new LapsedLeaseRecorder(database.db);
    expect(await lapses.record()).toEqual([lapsed]);
    expect(await lapses.record()).toEqual([]);
    const latest = new Map((await repo.latest([lapsed, held, takenOver])).map((e) => [e.cameraId, e]));
    expect(latest.get(lapsed)).toMatchObject({
      status: 'offline',
      reason: 'no_stream_server',
      streamServerId: 'lapsed-ghost',
    });
    // dated at the vanished server's last heartbeat, as a takeover dates it
    expect(Math.abs(latest.get(lapsed)!.at.getTime() - heartbeatAt.getTime())).toBeLessThan(1000);
    expect(latest.get(held)).toMatchObject({ status: 'online', streamServerId: 'lapsed-alive' });
    expect(latest.get(takenOver)).toMatchObject({ status: 'online', streamServerId: 'lapsed-heir' });
    // what the reader answered before is what is stored now
    expect((await reader.current([lapsed]))[0]).toMatchObject({
      status: 'offline',
      reason: 'no_stream_server',
      streamServerId: null,
    });
    expect(await reader.downtimes(lapsed)).toEqual([
      expect.objectContaining({ end: null, reason: 'no_stream_server' }),
    ]);
  });
});
