import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PLAYLIST, SNAPSHOT_FILE } from '../recording/recording-layout.js';
import { listSegments } from '../recording/segment-index.js';
import { freshSnapshot } from '../recording/snapshot-file.js';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { startRtspTestServer, type RtspTestServer } from '../rtsp-test-server/rtsp-test-server.js';
import type { CameraRestart, CameraStatusChange } from './camera-status.js';
import { CameraWatchdog, type CameraWatchdogOptions } from './camera-watchdog.js';

const USER = 'cam-admin';
const PASSWORD = 'w@tch:d0g/pass';
const { logger, lines } = capturedLogger();
let root: string;
const servers: RtspTestServer[] = [];
const watchdogs: CameraWatchdog[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-watchdog-'));
});

afterAll(async () => {
  await Promise.all(watchdogs.map((w) => w.stop()));
  await Promise.all(servers.map((s) => s.stop()));
  await rm(root, { recursive: true, force: true });
});

async function server(): Promise<RtspTestServer> {
  const s = await startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 5, user: USER, password: PASSWORD });
  servers.push(s);
  return s;
}

function watch(id: string, url: string, password: string, options: Partial<CameraWatchdogOptions> = {}) {
  const w = new CameraWatchdog({
    camera: { id, source: { url, username: USER, password, transport: 'tcp' } },
    role: 'record',
    recordingsDir: root,
    logger,
    ffmpeg: { hlsTimeSec: 1 },
    backoff: { initialMs: 300, maxMs: 1500 },
    stopGraceMs: 1000,
    ...options,
  });
  watchdogs.push(w);
  const statuses: CameraStatusChange[] = [];
  const restarts: CameraRestart[] = [];
  w.on('status', (s) => statuses.push(s));
  w.on('restart', (r) => restarts.push(r));
  w.start();
  return { w, statuses, restarts };
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runsOf = async (w: CameraWatchdog) =>
  new Set((await listSegments(w.dir, Date.now() - 600_000, Date.now() + 60_000)).map((s) => s.runId));

describe('camera watchdog on a real RTSP camera', () => {
  it('reports the camera going away with a reason, and recording resumes when it comes back', async () => {
    let camera = await server();
    const { w, statuses } = watch('cam-away', camera.url, PASSWORD);
    await until(() => w.status.status === 'online', 20_000, 'online');
    await until(async () => (await runsOf(w)).size === 1, 20_000, 'first segments');

    await camera.stop();
    await until(() => statuses.some((s) => s.status === 'offline'), 15_000, 'offline');
    await until(() => w.status.reason === 'unreachable', 15_000, 'unreachable');
    const offline = statuses.filter((s) => s.status === 'offline');
    expect(offline[0]!.reason).toMatch(/^(exited|unreachable|stalled)$/);
    expect(offline.at(-1)!.detail).toContain('Connection refused');

    camera = await startRtspTestServer({
      width: 320,
      height: 240,
      fps: 10,
      keyint: 5,
      user: USER,
      password: PASSWORD,
      port: camera.port,
    });
    servers.push(camera);
    await until(() => w.status.status === 'online', 20_000, 'back online');
    await until(async () => (await runsOf(w)).size >= 2, 20_000, 'segments of a new run');
    expect(statuses.at(-1)).toMatchObject({ status: 'online', reason: null, previous: 'offline' });
  }, 90_000);

  it('kills an ffmpeg that stalls (SIGTERM ignored, then SIGKILL) and starts a new one', async () => {
    const camera = await server();
    const { w, restarts } = watch('cam-stall', camera.url, PASSWORD, { stallTimeoutMs: 3000 });
    await until(() => w.status.status === 'online', 20_000, 'online');
    const frozen = w.pid!;
    process.kill(frozen, 'SIGSTOP');
    await until(() => restarts.some((r) => r.exit.forced), 20_000, 'a forced restart');
    const forced = restarts.find((r) => r.exit.forced)!;
    expect(forced).toMatchObject({ reason: 'stalled', exit: { forced: true, signal: 'SIGKILL' } });
    expect(forced.detail).toMatch(/no new frame/);
    await until(
      () => w.status.status === 'online' && w.pid !== undefined && w.pid !== frozen,
      20_000,
      'a new ffmpeg online',
    );
  }, 60_000);

  it('reports wrong credentials as unauthorized', async () => {
    const camera = await server();
    const { w, statuses } = watch('cam-auth', camera.url, 'not-the-password');
    await until(() => statuses.length > 0, 20_000, 'a status');
    expect(statuses[0]).toMatchObject({ status: 'offline', reason: 'unauthorized', previous: 'unknown' });
    await w.stop();
  }, 30_000);

  it('keeps a live window (live role) and a snapshot (snapshot role) without recording', async () => {
    const camera = await server();
    const live = watch('cam-live', camera.url, PASSWORD, { role: 'live', ffmpeg: { hlsTimeSec: 1, liveListSize: 3 } });
    const snap = watch('cam-snap', camera.url, PASSWORD, { role: 'snapshot' });
    const read = (file: string) => readFile(file, 'utf8').catch(() => '');
    await until(
      async () => /live\/[a-z0-9]+-\d{6}\.ts/.test(await read(path.join(live.w.dir, LIVE_PLAYLIST))),
      // the first segment can take a while on a machine busy with the rest of the suite
      40_000,
      'a live segment',
    );
    await until(async () => (await freshSnapshot(snap.w.dir, 5000)) !== undefined, 40_000, 'a snapshot');
    expect(await readdir(snap.w.dir)).toEqual([SNAPSHOT_FILE]);
    expect((await readdir(live.w.dir)).filter((f) => /^\d{4}-/.test(f))).toEqual([]);
    await Promise.all([live.w.stop(), snap.w.stop()]);
  }, 100_000);

  it('wrote no credential in any log line', () => {
    expect(lines.length).toBeGreaterThan(10);
    const all = lines.join('\n');
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), 'not-the-password', `${USER}:`])
      expect(all).not.toContain(secret);
    expect(all).toContain('rtsp://***:***@127.0.0.1');
  });
});
