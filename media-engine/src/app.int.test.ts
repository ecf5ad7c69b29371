import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/database.js';
import { buildApp, mediaEngineConfig, type MediaEngineApp } from './app.js';
import { CameraLeaseRepository } from './cluster/camera-lease.repository.js';
import { StaticCameraDirectory } from './cluster/scheduled-camera.js';
import { StreamServerRepository } from './cluster/stream-server.repository.js';
import { streamingDb } from './cluster/streaming-db.js';
import { cameraRecordingDir } from './recording/recording-layout.js';
import { listSegments } from './recording/segment-index.js';
import { capturedLogger } from './rtsp-test-server/captured-logger.js';
import { startRtspTestServer, type RtspTestServer } from './rtsp-test-server/rtsp-test-server.js';

/** One engine in this process with the real ingest (ffmpeg) of a camera served by GStreamer. */

const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'media-engine-app-tests-signing-key-0123456789',
  ARGUS_INTERNAL_KEY: 'media-engine-app-tests-internal-key-0123456789',
};
const USER = 'viewer';
const PASSWORD = 'engine:s3cret/pass';
const { logger, lines } = capturedLogger();

let database: Database;
let camera: RtspTestServer;
let root: string;
let app: MediaEngineApp | undefined;

beforeAll(async () => {
  database = await openTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'argus-engine-'));
  camera = await startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10, user: USER, password: PASSWORD });
});

afterAll(async () => {
  await app?.stop();
  await camera?.stop();
  await database?.close();
  await rm(root, { recursive: true, force: true });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a media engine with real ingest', () => {
  it('records a camera it holds the lease of, reports it in /status, and gives everything back on stop', async () => {
    const cameraId = randomUUID();
    const config = mediaEngineConfig({
      ...KEYS,
      ARGUS_DATA_DIR: root,
      RECORDINGS_DIR: path.join(root, 'recordings'),
      STREAMSERVER_ID: 'engine-real-1',
      STREAMSERVER_TAGS: 'rtsp',
      STREAMSERVER_HEARTBEAT_MS: '500',
      STREAMSERVER_TTL_MS: '4000',
      LOG_LEVEL: 'debug',
    });
    app = buildApp(config, {
      database,
      logger,
      cameras: new StaticCameraDirectory([
        {
          id: cameraId,
          source: { url: camera.url, username: USER, password: PASSWORD, transport: 'tcp' },
          schedulerGroup: null,
          schedulerTags: ['rtsp'],
          recording: true,
        },
      ]),
    });
    const { url } = await app.start();
    const status = async () =>
      (await (await fetch(`${url}/status`)).json()) as {
        streamserver_id: string;
        cameras: { camera_id: string; status: string }[];
      };

    await until(
      async () => (await status()).cameras.some((c) => c.camera_id === cameraId && c.status === 'online'),
      30_000,
      'the camera online',
    );
    const dir = cameraRecordingDir(config.recordingsDir, cameraId);
    await until(
      async () => (await listSegments(dir, Date.now() - 600_000, Date.now() + 60_000)).length > 0,
      30_000,
      'a recorded segment',
    );
    expect((await status()).streamserver_id).toBe('engine-real-1');
    const leases = new CameraLeaseRepository(streamingDb(database.db));
    expect((await leases.listValid()).map((l) => [l.camera_id, l.streamserver_id])).toEqual([
      [cameraId, 'engine-real-1'],
    ]);

    await app.stop();
    app = undefined;
    expect(await leases.listValid()).toEqual([]);
    expect((await new StreamServerRepository(streamingDb(database.db)).listLive()).map((s) => s.id)).not.toContain(
      'engine-real-1',
    );
    const all = lines.join('\n');
    expect(all).toContain('camera acquired; ingest starting');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(encodeURIComponent(PASSWORD));
  }, 60_000);
});
