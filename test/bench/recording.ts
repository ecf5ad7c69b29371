import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { CameraWatchdog } from '../../media-engine/src/ingest/camera-watchdog.js';
import { probeFile } from '../../media-engine/src/probe/stream-probe.js';
import { cutClip } from '../../media-engine/src/recording/clip.js';
import { listSegments, recordingExtent } from '../../media-engine/src/recording/segment-index.js';
import { startRtspTestServer, type RtspTestServer } from '../../media-engine/src/rtsp-test-server/rtsp-test-server.js';

/**
 * Recording capacity of one engine process on this machine, in one run: cameras recorded by
 * stream copy (HLS, 2 s segments, plus the key-frame JPEG snapshot), added in steps while every
 * camera keeps up with real time; CPU per camera (ffmpeg, and the engine's own share); and the
 * time to cut a 60 s clip. The cameras are clients of one local GStreamer RTSP server that
 * encodes the test stream once (constant bit rate, like a camera); its CPU is shown apart, since
 * real cameras would not use this machine for it.
 *
 * A step that does not keep up is measured once more (restarts of both counted) before the
 * ladder stops. BENCH_MAX_CAMERAS (default 64), BENCH_MEASURE_SECONDS (default 8).
 */
const MAX_CAMERAS = Number(process.env.BENCH_MAX_CAMERAS ?? 64);
const MEASURE_S = Number(process.env.BENCH_MEASURE_SECONDS ?? 8);
const SETTLE_MS = 3000;
const TICK = 100; // clock ticks per second (getconf CLK_TCK)
const CORES = cpus().length;

interface Profile {
  name: string;
  width: number;
  height: number;
  fps: number;
  kbps: number;
  steps: number[];
}
const PROFILES: Profile[] = [
  { name: '640x480/25', width: 640, height: 480, fps: 25, kbps: 1000, steps: [1, 8, 16, 32, 48, 64] },
  { name: '1920x1080/25', width: 1920, height: 1080, fps: 25, kbps: 4000, steps: [1, 8, 16, 32, 48, 64] },
];

interface Row {
  profile: string;
  variant: string;
  cameras: number;
  keptUp: boolean;
  restarts: number;
  ffmpegPct: number;
  enginePct: number;
  serverPct: number;
  machinePct: number;
  rssMb: number;
}

const rows: Row[] = [];
const root = await mkdtemp(path.join(tmpdir(), 'argus-bench-rec-'));
let clipLine = '';
try {
  for (const profile of PROFILES) {
    // A fresh server for each phase: GStreamer's shared media is not always happy to see many
    // clients leave and others arrive at once.
    const serve = () =>
      startRtspTestServer({
        width: profile.width,
        height: profile.height,
        fps: profile.fps,
        bitrateKbps: profile.kbps,
        keyint: profile.fps,
        cbr: true,
      });
    let server = await serve();
    try {
      const cameras: Camera[] = [];
      for (const step of profile.steps.filter((n) => n <= MAX_CAMERAS)) {
        while (cameras.length < step)
          cameras.push(startCamera(server, `${slug(profile.name)}-${cameras.length}`, true));
        let row = await measure(profile, 'record+snapshot', cameras, server);
        // Once more before giving up: a hiccup of the shared machine is not the engine's limit.
        if (!row.keptUp) {
          const again = await measure(profile, 'record+snapshot', cameras, server);
          row = { ...again, restarts: row.restarts + again.restarts };
        }
        rows.push(row);
        console.log(format(row));
        if (!row.keptUp) break;
      }
      // The clip is cut from the first camera's recording, with the others stopped.
      await Promise.all(cameras.slice(1).map((c) => c.watchdog.stop()));
      if (profile.height === 1080) clipLine = await clipBenchmark(cameras[0]!.watchdog);
      await cameras[0]?.watchdog.stop();
      await server.stop();
      server = await serve();
      const plain = Array.from({ length: Math.min(8, MAX_CAMERAS) }, (_, i) =>
        startCamera(server, `${slug(profile.name)}-plain-${i}`, false),
      );
      const row = await measure(profile, 'record only', plain, server);
      rows.push(row);
      console.log(format(row));
      await Promise.all(plain.map((c) => c.watchdog.stop()));
    } finally {
      await server.stop();
    }
  }
  print();
} finally {
  await rm(root, { recursive: true, force: true });
}

interface Camera {
  watchdog: CameraWatchdog;
  restarts: number;
  lastRestart?: string;
}

function startCamera(server: RtspTestServer, id: string, snapshot: boolean): Camera {
  const watchdog = new CameraWatchdog({
    camera: { id, source: { url: server.url, transport: 'tcp' } },
    role: 'record',
    recordingsDir: root,
    ffmpeg: snapshot ? {} : { snapshot: false },
  });
  const camera: Camera = { watchdog, restarts: 0 };
  watchdog.on('restart', (r) => {
    camera.restarts++;
    camera.lastRestart = `${r.reason}: ${r.detail ?? ''}`;
    console.error(`  restart of ${id}: ${camera.lastRestart}`);
  });
  watchdog.start();
  return camera;
}

async function measure(profile: Profile, variant: string, cameras: Camera[], server: RtspTestServer): Promise<Row> {
  const deadline = Date.now() + 60_000;
  while (cameras.some((c) => c.watchdog.status.status !== 'online') && Date.now() < deadline) await sleep(250);
  await sleep(SETTLE_MS);
  const restartsBefore = cameras.reduce((s, c) => s + c.restarts, 0);
  const pids = () => cameras.map((c) => c.watchdog.pid).filter((p): p is number => p !== undefined);
  const startPids = pids();
  const before = {
    ffmpeg: startPids.map((p) => ticks([p])),
    server: ticks([server.pid!]),
    engine: process.cpuUsage(),
    machine: machineTicks(),
    frames: cameras.map((c) => [c.watchdog.frames, c.watchdog.lastFrameAt] as const),
    at: Date.now(),
  };
  await sleep(MEASURE_S * 1000);
  const seconds = (Date.now() - before.at) / 1000;
  // Frames per second from the -progress reports (1 s apart): frames between two reports over their times.
  const rates = cameras.map((c, i) => {
    const [frames, at] = before.frames[i]!;
    const span = (c.watchdog.lastFrameAt - at) / 1000;
    return span > 0 ? (c.watchdog.frames - frames) / span : 0;
  });
  const engine = process.cpuUsage(before.engine);
  const machine = machineTicks();
  const restarts = cameras.reduce((s, c) => s + c.restarts, 0) - restartsBefore;
  const slow = rates.filter((r) => r < profile.fps * 0.9).length;
  if (restarts || slow) {
    const why = cameras.map((c) => c.lastRestart).filter(Boolean)[0] ?? '';
    console.error(
      `  ${cameras.length} cameras: ${restarts} restarts, ${slow} below 90% of ${profile.fps} fps (min ${Math.min(...rates).toFixed(1)}) ${why}`,
    );
  }
  const pct = (t: number) => (t / TICK / seconds) * 100;
  return {
    profile: profile.name,
    variant,
    cameras: cameras.length,
    restarts,
    keptUp: restarts === 0 && rates.every((r) => r >= profile.fps * 0.9),
    ffmpegPct: ffmpegPct(startPids, before.ffmpeg, pct),
    enginePct: (((engine.user + engine.system) / 1e6 / seconds) * 100) / cameras.length,
    serverPct: pct(ticks([server.pid!]) - before.server),
    machinePct: (1 - (machine.idle - before.machine.idle) / (machine.total - before.machine.total)) * 100,
    rssMb: pids().reduce((s, p) => s + rss(p), 0) / cameras.length / 1024,
  };
}

async function clipBenchmark(watchdog: CameraWatchdog): Promise<string> {
  const deadline = Date.now() + 120_000;
  let extent = await recordingExtent(watchdog.dir);
  while ((!extent || extent.endMs - extent.startMs < 64_000) && Date.now() < deadline) {
    await sleep(1000);
    extent = await recordingExtent(watchdog.dir);
  }
  if (!extent) return 'clip: no recording';
  const fromMs = extent.startMs + 2000;
  const toMs = fromMs + 60_000;
  const times: number[] = [];
  let duration = 0;
  let size = 0;
  for (let i = 0; i < 3; i++) {
    const output = path.join(root, `clip-${i}.mp4`);
    const started = performance.now();
    const clip = await cutClip({ cameraDir: watchdog.dir, fromMs, toMs, output });
    times.push(performance.now() - started);
    duration = (await probeFile(output)).durationSec;
    size = clip.sizeBytes;
  }
  const segments = (await listSegments(watchdog.dir, fromMs, toMs)).length;
  times.sort((a, b) => a - b);
  return (
    `60 s clip of 1920x1080/25 @ 4 Mbit/s (${segments} segments, ${(size / 1e6).toFixed(1)} MB, probed ${duration.toFixed(2)} s): ` +
    `cut by stream copy in ${times[1]!.toFixed(0)} ms (median of 3; min ${times[0]!.toFixed(0)}, max ${times[2]!.toFixed(0)})`
  );
}

/** Mean CPU of the ffmpeg processes that ran through the whole window (a restarted one is left out). */
function ffmpegPct(startPids: number[], startTicks: number[], pct: (ticks: number) => number): number {
  const still = new Set(startPids.filter((p) => alive(p)));
  const deltas = startPids.flatMap((p, i) => (still.has(p) ? [ticks([p]) - startTicks[i]!] : []));
  return deltas.length ? pct(deltas.reduce((a, b) => a + b, 0)) / deltas.length : Number.NaN;
}

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

function ticks(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      sum += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended
    }
  }
  return sum;
}

function rss(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function machineTicks(): { idle: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: cpu[3]! + cpu[4]!, total: cpu.reduce((a, b) => a + b, 0) };
}

function format(r: Row): string {
  return (
    `${r.profile.padEnd(13)} ${r.variant.padEnd(16)} ${String(r.cameras).padStart(4)}  ${(r.keptUp ? 'yes' : 'NO').padEnd(8)}${String(r.restarts).padStart(4)}` +
    `${r.ffmpegPct.toFixed(2).padStart(10)}${r.enginePct.toFixed(2).padStart(10)}${r.serverPct.toFixed(0).padStart(9)}${r.machinePct.toFixed(0).padStart(9)}${r.rssMb.toFixed(0).padStart(9)}`
  );
}

function print(): void {
  console.log(
    `\nRecording by stream copy, one engine process, ${CORES} cores, ${MEASURE_S} s per step (CPU in % of one core)\n`,
  );
  console.log(
    'profile       variant          cams  kept up restarts ffmpeg/cam engine/cam server% machine% RSS MB/cam',
  );
  for (const r of rows) console.log(format(r));
  for (const profile of PROFILES) {
    const mine = rows.filter((r) => r.profile === profile.name && r.variant === 'record+snapshot');
    const best = mine.filter((r) => r.keptUp).at(-1);
    const last = mine.at(-1);
    if (!best || !last) continue;
    const perCamera = last.ffmpegPct + last.enginePct;
    const estimate = Math.floor((CORES * 100 * 0.8) / perCamera);
    const plain = rows.find((r) => r.profile === profile.name && r.variant === 'record only');
    const plainEstimate = plain ? Math.floor((CORES * 100 * 0.8) / (plain.ffmpegPct + plain.enginePct)) : Number.NaN;
    console.log(
      `${profile.name}: ${best.cameras} cameras kept up here (next to the test server's ${last.serverPct.toFixed(0)}%); ` +
        `${perCamera.toFixed(2)}% of a core per camera → about ${estimate} cameras at 80% of ${CORES} cores with real cameras ` +
        `(about ${plainEstimate} without snapshots)`,
    );
  }
  if (clipLine) console.log(clipLine);
}

function slug(text: string): string {
  return text.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
