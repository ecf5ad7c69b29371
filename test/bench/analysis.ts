import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseAnalyticsSettings } from '../../media-engine/src/analysis/analytics-settings.js';
import { CameraAnalysis } from '../../media-engine/src/analysis/camera-analysis.js';
import { EventPublisher } from '../../media-engine/src/analysis/event-publisher.js';
import { releaseSharedFrameFaceAnalyzer } from '../../media-engine/src/analysis/frame-face-analyzer.js';
import { encodeJpeg } from '../../media-engine/src/analysis/snapshot-jpeg.js';
import { faceVideo, movingPlateVideo, startEventReceiver } from '@argus/media-engine/test-support';
import { releaseSharedFramePlateReader } from '../../media-engine/src/plates/plate-reader.js';
import { startRtspTestServer } from '../../media-engine/src/rtsp-test-server/rtsp-test-server.js';

/**
 * Analysis capacity of one engine process: N cameras analysed at 2 fps with face detection on
 * (plus motion), each a client of a local GStreamer RTSP server playing a 25 fps H.264 clip made
 * from a fixture photo (a face on screen 3 s out of every 5) — or, in the plate profile, with
 * plate reading alone on a 1280×720 clip of a fixture plate driving across (3 s of every 5,
 * analysed at 640 × 360) — events published with their JPEG
 * snapshots to a local stand-in of the media part. Per step: frames dropped by face detection
 * (it drops rather than queues), frames decoded vs expected, CPU per camera (the decoder ffmpeg,
 * and the engine's share) and the share of the face stage's time spent outside ONNX inference.
 * The ladder stops at the first step that drops frames. BENCH_ANALYSIS_SECONDS (default 15),
 * BENCH_ANALYSIS_STEPS (default 1,2,4,8,12), BENCH_ANALYSIS_PROFILES (default all: 640x480,1280x720,plates).
 */
const MEASURE_S = Number(process.env.BENCH_ANALYSIS_SECONDS ?? 15);
const STEPS = (process.env.BENCH_ANALYSIS_STEPS ?? '1,2,4,8,12').split(',').map(Number);
const SETTLE_MS = 4000;
const FPS = 2;
const TICK = 100;
const KEY = 'bench-analysis-internal-key-0123456789abcdef';

const PROFILES = [
  { name: '640x480', size: '640x480', face: 200, detector: 'face' },
  { name: '1280x720', size: '1280x720', face: 300, detector: 'face' },
  { name: 'plates', size: '1280x720', face: 0, detector: 'plate' },
] as const;
const CHOSEN = (process.env.BENCH_ANALYSIS_PROFILES ?? PROFILES.map((p) => p.name).join(',')).split(',');

const root = await mkdtemp(path.join(tmpdir(), 'argus-bench-analysis-'));
const receiver = await startEventReceiver(KEY);
const rows: string[] = [];
try {
  for (const profile of PROFILES.filter((p) => CHOSEN.includes(p.name))) {
    const seconds = Math.ceil(MEASURE_S + SETTLE_MS / 1000 + 15);
    const appearances: [number, number][] = [];
    for (let t = 1; t < seconds; t += 5) appearances.push([t, t + 3]);
    const file = path.join(root, `${profile.name}.mp4`);
    const clip =
      profile.detector === 'plate'
        ? await movingPlateVideo(file, { number: 'AB123CD', seconds, appearances, fps: 25 })
        : await faceVideo(file, {
            photo: '230501201_1.jpg',
            seconds,
            appearances,
            height: profile.face,
            size: profile.size,
            fps: 25,
          });
    const server = await startRtspTestServer({ file: clip });
    try {
      for (const n of STEPS) {
        const row = await step(profile.name, profile.detector, server.url, n);
        rows.push(row.line);
        console.log(row.line);
        if (row.dropped > 0 || row.behind) break;
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  await receiver.close();
  await releaseSharedFrameFaceAnalyzer();
  await releaseSharedFramePlateReader();
  await rm(root, { recursive: true, force: true });
}
console.log(
  `\nAnalysis capacity (${cpus().length} cores, ${FPS} fps per camera, face + motion or plates alone, ${MEASURE_S} s per step)`,
);
console.log(
  '| profile | cameras | frames decoded / expected | face (plate) frames dropped | decoder CPU per camera | engine CPU per camera | face (plate) stage outside ONNX | events |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);

async function step(
  profile: string,
  detector: 'face' | 'plate',
  url: string,
  n: number,
): Promise<{ line: string; dropped: number; behind: boolean }> {
  const publisher = new EventPublisher({ mediaUrl: receiver.url, internalKey: KEY, maxQueue: 10_000 });
  const analysis = new CameraAnalysis({
    streamServerId: 'bench',
    maxWidth: 640,
    sink: (report, frame) => publisher.publish(report, encodeJpeg(frame)),
  });
  const analytics = parseAnalyticsSettings(
    detector === 'plate'
      ? { fps: FPS, plate: { enabled: true } }
      : { fps: FPS, face: { enabled: true }, motion: { enabled: true } },
  );
  const ids = Array.from({ length: n }, () => randomUUID());
  for (const id of ids)
    analysis.start({
      id,
      source: { url, transport: 'tcp' },
      schedulerGroup: null,
      schedulerTags: [],
      recording: false,
      analytics,
    });
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const analysers = ids.map((id) => analysis.analyser(id)!);
  const stage = (a: (typeof analysers)[number]) => (detector === 'plate' ? a.plateStage : a.faceStage);
  const snap = () => ({
    at: performance.now(),
    engine: process.cpuUsage(),
    decoders: analysers.map((a) => ({ pid: a.source.pid, ticks: ticksOf(a.source.pid) })),
    frames: analysers.map((a) => a.source.frames),
    dropped: analysers.map((a) => stage(a)?.counts.dropped ?? 0),
    clock: analysers.map((a) => ({ ...(stage(a)?.clock ?? { total: 0, inference: 0 }) })),
    events: analysers.map((a) => a.status.events),
  });
  const before = snap();
  await new Promise((r) => setTimeout(r, MEASURE_S * 1000));
  const after = snap();
  await analysis.stopAll();
  await publisher.stop(2000);

  const wallS = (after.at - before.at) / 1000;
  const engineCpuS = (after.engine.user - before.engine.user + after.engine.system - before.engine.system) / 1e6;
  let decoderTicks = 0;
  for (const [i, d] of after.decoders.entries()) {
    if (d.pid === before.decoders[i]!.pid) decoderTicks += d.ticks - before.decoders[i]!.ticks;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const frames = sum(after.frames) - sum(before.frames);
  const expected = n * FPS * wallS;
  const dropped = sum(after.dropped) - sum(before.dropped);
  const faceTotal = sum(after.clock.map((c, i) => c.total - before.clock[i]!.total));
  const faceInference = sum(after.clock.map((c, i) => c.inference - before.clock[i]!.inference));
  const events = sum(after.events) - sum(before.events);
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const behind = frames < 0.9 * expected;
  return {
    dropped,
    behind,
    line: `| ${profile} | ${n} | ${frames} / ${Math.round(expected)} | ${dropped} | ${pct(decoderTicks / TICK / wallS / n)} | ${pct(engineCpuS / wallS / n)} | ${faceTotal > 0 ? pct(1 - faceInference / faceTotal) : '–'} | ${events} |`,
  };
}

function ticksOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}
