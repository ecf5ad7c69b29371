import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraWatchdog } from '../ingest/camera-watchdog.js';
import { probeFile } from '../probe/stream-probe.js';
import { startRtspTestServer, type RtspTestServer } from '../rtsp-test-server/rtsp-test-server.js';
import { ClipRangeError, cutClip } from './clip.js';
import { buildPlaylist } from './playlist.js';
import { HOUR_MS, LIVE_PLAYLIST, hourDirOf, segmentFileName } from './recording-layout.js';
import { DAY_MS, enforceRetention } from './retention.js';
import { listSegments, recordingExtent, type RecordedSegment } from './segment-index.js';
import { freshSnapshot } from './snapshot-file.js';

let server: RtspTestServer;
let root: string;
let watchdog: CameraWatchdog;
let startedAt: number;
let segments: RecordedSegment[];

const until = async <T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-rec-'));
  server = await startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 5 });
  startedAt = Date.now();
  watchdog = new CameraWatchdog({
    camera: { id: 'cam-rec', source: { url: server.url } },
    role: 'record',
    recordingsDir: root,
    ffmpeg: { hlsTimeSec: 1 },
  });
  watchdog.start();
  segments = await until(async () => {
    const found = await listSegments(watchdog.dir, startedAt - 60_000, Date.now() + 60_000);
    return found.length >= 8 ? found : undefined;
  }, 60_000);
}, 90_000);

afterAll(async () => {
  await watchdog?.stop();
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('HLS recording by stream copy', () => {
  it('writes segments named with their wall-clock time, in UTC hour folders, continuous in time', () => {
    const now = Date.now();
    for (const s of segments) {
      expect(s.startMs).toBeGreaterThan(startedAt - 5000);
      expect(s.endMs).toBeLessThan(now + 2000);
      expect(s.durationMs).toBeGreaterThan(400);
      expect(s.relativePath.startsWith(hourDirOf(s.startMs))).toBe(true);
    }
    // 1 s segments (key frames every 0.5 s); a busy machine may stretch one now and then.
    expect(segments.filter((s) => Math.abs(s.durationMs - 1000) <= 100).length).toBeGreaterThanOrEqual(
      segments.length * 0.7,
    );
    for (let i = 1; i < segments.length; i++) {
      const [a, b] = [segments[i - 1]!, segments[i]!];
      if (a.runId === b.runId) expect(Math.abs(b.startMs - a.endMs)).toBeLessThan(1500);
    }
  });

  it('keeps a live playlist with program date times and a JPEG snapshot', async () => {
    const live = await readFile(path.join(watchdog.dir, LIVE_PLAYLIST), 'utf8');
    expect(live).toContain('#EXT-X-PROGRAM-DATE-TIME:');
    const snapshot = await until(() => freshSnapshot(watchdog.dir, 10_000), 10_000);
    expect([...snapshot.jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(await freshSnapshot(watchdog.dir, 10_000, Date.now() + 60_000)).toBeUndefined();
  });

  it('lists only the segments that overlap a range', async () => {
    const middle = segments[3]!;
    const found = await listSegments(watchdog.dir, middle.startMs + 1, middle.endMs - 1);
    expect(found.map((s) => s.relativePath)).toContain(middle.relativePath);
    expect(found.length).toBeLessThanOrEqual(3);
    expect(await listSegments(watchdog.dir, startedAt - 10 * DAY_MS, startedAt - 9 * DAY_MS)).toEqual([]);
    const extent = await recordingExtent(watchdog.dir);
    expect(extent!.startMs).toBe(segments[0]!.startMs);
  });

  it('writes a playlist for a range that ffprobe reads back', async () => {
    const range = segments.slice(1, 7);
    const file = path.join(watchdog.dir, 'range.m3u8');
    await writeFile(file, buildPlaylist(range, { uri: (s) => s.relativePath }));
    const probed = await probeFile(file);
    const expected = range.reduce((sum, s) => sum + s.durationMs, 0) / 1000;
    expect(probed.formatName).toBe('hls');
    expect(probed.streams[0]).toMatchObject({ codecType: 'video', codecName: 'h264', width: 320, height: 240 });
    expect(Math.abs(probed.durationSec - expected)).toBeLessThan(0.5);
  });

  it('cuts a clip by stream copy into an MP4 of the asked duration, with progress up to 1', async () => {
    const fromMs = segments[1]!.startMs + 500;
    const toMs = fromMs + 4000;
    const progress: number[] = [];
    const output = path.join(root, 'clip.mp4');
    const started = Date.now();
    const clip = await cutClip({ cameraDir: watchdog.dir, fromMs, toMs, output, onProgress: (p) => progress.push(p) });
    const took = Date.now() - started;
    // It starts at the key frame at or before fromMs (key frames every 0.5 s here).
    expect(clip.startMs).toBeLessThanOrEqual(fromMs);
    // the asked 4 s, less at most one frame (40 ms): the source is live, and on a loaded machine the
    // frame nearest the end can come a few milliseconds early or be missing
    expect(clip.durationMs).toBeGreaterThanOrEqual(4000 - 40);
    expect(clip.durationMs).toBeLessThanOrEqual(4600);
    const probed = await probeFile(output);
    expect(probed.formatName).toContain('mp4');
    expect(probed.streams).toHaveLength(1);
    expect(probed.durationSec).toBeGreaterThanOrEqual(3.95);
    expect(Math.abs(probed.durationSec - clip.durationMs / 1000)).toBeLessThan(0.3);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(took).toBeLessThan(10_000);
    expect((await readdir(root)).filter((f) => f.startsWith('clip.mp4.'))).toEqual([]);
  });

  it('refuses a clip outside the recording', async () => {
    await expect(
      cutClip({
        cameraDir: watchdog.dir,
        fromMs: startedAt - 3 * HOUR_MS,
        toMs: startedAt - 2 * HOUR_MS,
        output: path.join(root, 'none.mp4'),
      }),
    ).rejects.toBeInstanceOf(ClipRangeError);
  });

  it('stops a clip when asked to and leaves no file', async () => {
    const controller = new AbortController();
    controller.abort();
    const output = path.join(root, 'aborted.mp4');
    await expect(
      cutClip({
        cameraDir: watchdog.dir,
        fromMs: segments[0]!.startMs,
        toMs: segments.at(-1)!.endMs,
        output,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect((await readdir(root)).filter((f) => f.startsWith('aborted'))).toEqual([]);
  });
});

describe('retention', () => {
  it('deletes segments older than the retention days and keeps the rest', async () => {
    const dir = path.join(root, 'cam-old');
    const real = segments[2]!.path;
    const now = Date.now();
    const make = async (ageMs: number, sequence: number) => {
      const startMs = now - ageMs;
      const file = path.join(
        dir,
        hourDirOf(startMs),
        segmentFileName({ startMs, runId: 'old', sequence, durationMs: 1000 }),
      );
      await mkdir(path.dirname(file), { recursive: true });
      await copyFile(real, file);
      await utimes(file, new Date(startMs), new Date(startMs));
      return file;
    };
    const old = [
      await make(10 * DAY_MS, 0),
      await make(10 * DAY_MS - 5000, 1),
      await make(3 * DAY_MS, 2),
      await make(2 * DAY_MS + 60_000, 3),
    ];
    const kept = [await make(2 * DAY_MS - 60_000, 4), await make(HOUR_MS, 5), await make(10_000, 6)];
    await writeFile(path.join(dir, LIVE_PLAYLIST), '#EXTM3U\n');

    const result = await enforceRetention(dir, 2, now);
    expect(result.deletedSegments).toBe(old.length);
    expect(result.deletedBytes).toBeGreaterThan(0);
    const left = (await listSegments(dir, 0, now + DAY_MS)).map((s) => s.path);
    expect(left.sort()).toEqual(kept.sort());
    const days = (await readdir(dir)).filter((d) => /^\d{4}-/.test(d));
    expect(days).not.toContain(hourDirOf(now - 10 * DAY_MS).slice(0, 10));
    expect(await readdir(dir)).toContain(LIVE_PLAYLIST);
    expect((await enforceRetention(dir, 2, now)).deletedSegments).toBe(0);
  });
});
