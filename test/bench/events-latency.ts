/**
 * Latency of live recognition events (npm run bench:events:latency): from a frame's capture time
 * to the event reaching a GraphQL subscriber through the router. The whole chain runs here: a
 * GStreamer RTSP server per camera playing a clip made from a fixture photo (the face on screen
 * 3 s of every 5), the stack in this process (router, subgraphs, one media engine analysing the
 * cameras at 2 fps with face detection) on a fresh database of the PostgreSQL server
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), a face list holding that person
 * (another photo of her), and graphql-ws subscribers to eventCreated and eventMatched.
 *
 * `ts` is the capture time the engine gives the event: its clock when the decoded frame came out
 * of ffmpeg's pipe (RTSP transport and decoding before that are not in it). Latency is the
 * subscriber's clock at arrival minus `ts` (one machine, one clock). The database's `received_at`
 * (when the media part began storing the event) splits it into engine (analysis, publishing) and
 * delivery (store, match, notify, subgraph, router). BENCH_LATENCY_CAMERAS (default 4),
 * BENCH_LATENCY_SECONDS (default 60).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { faceVideo } from '@argus/media-engine/test-support';
import { startRtspTestServer, type RtspTestServer } from '../../media-engine/src/rtsp-test-server/rtsp-test-server.js';
import { startEventsBench } from './events-stack.js';
import { call } from './rest.js';

const CAMERAS = Number(process.env.BENCH_LATENCY_CAMERAS ?? 4);
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 60);
const FACES = new URL('../fixtures/faces/', import.meta.url);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const enginePort = await freePort();
const { stack, databaseUrl, dataDir, userToken, stop } = await startEventsBench('latency', {
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  FACE_ANALYSIS: 'true',
  MEDIA_ENGINE: 'true',
  STREAMSERVER_ID: 'bench-latency',
  STREAMSERVER_HOST: `127.0.0.1:${enginePort}`,
  MEDIA_ENGINE_PORT: String(enginePort),
  STREAM_ALLOWED_NETWORKS: '127.0.0.0/8',
});

const clipSeconds = SECONDS + 30;
const appearances: [number, number][] = [];
for (let t = 1; t < clipSeconds - 3; t += 5) appearances.push([t, t + 3]);
const clip = await faceVideo(path.join(dataDir, 'face.mp4'), {
  photo: 'Cascade_Classifier_Tutorial_Result_LBP.jpg',
  seconds: clipSeconds,
  appearances,
  size: '640x480',
  height: 480,
  fps: 10,
});
const servers: RtspTestServer[] = await Promise.all(
  Array.from({ length: CAMERAS }, () => startRtspTestServer({ file: clip })),
);
const form = new FormData();
const photo = 'Cascade_Classifier_Tutorial_Result_Haar.jpg';
form.append('upload_data', new Blob([readFileSync(new URL(photo, FACES))], { type: 'image/jpeg' }), photo);
const [upload] = (await call(stack.restUrl, 'POST', '/uploads?kind=face_image', userToken, form)).uploads;
const face = await call(stack.restUrl, 'POST', '/faces', userToken, { full_name: 'Wanted Woman' });
await call(stack.restUrl, 'POST', `/faces/${face.id}/images`, userToken, { image_ids: [upload.id] });
const list = await call(stack.restUrl, 'POST', '/facelists', userToken, { name: 'Wanted', priority: 'high' });
await call(stack.restUrl, 'POST', `/facelists/${list.id}/faces/${face.id}`, userToken);

interface Arrival {
  readonly id: string;
  readonly action: string;
  readonly latency: number;
}
const arrivals: Record<'eventCreated' | 'eventMatched', Arrival[]> = { eventCreated: [], eventMatched: [] };
const errors: unknown[] = [];
const client = createClient({
  url: stack.routerUrl.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${userToken}` },
  retryAttempts: 0,
});
for (const field of ['eventCreated', 'eventMatched'] as const) {
  client.subscribe<Record<string, { id: string; ts: number; eventAction: string }>>(
    { query: `subscription { ${field} { id ts eventAction } }` },
    {
      next: (result) => {
        const at = Date.now();
        if (result.errors) errors.push(result.errors);
        const event = result.data?.[field];
        if (event) arrivals[field].push({ id: event.id, action: event.eventAction, latency: at - event.ts });
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
}
await new Promise((resolve) => setTimeout(resolve, 1000));

const place = await call(stack.restUrl, 'POST', '/places', userToken, { name: 'Bench site' });
for (const server of servers) {
  await call(stack.restUrl, 'POST', '/cameras', userToken, {
    name: `Cam ${server.port}`,
    place_id: place.id,
    source: { url: server.url, transport: 'tcp' },
    video_analytics: { fps: 2, face: { enabled: true, min_confidence: 0.6, min_size_px: 40 } },
  });
}
const firstDeadline = Date.now() + 120_000;
while (arrivals.eventCreated.length === 0 && Date.now() < firstDeadline)
  await new Promise((resolve) => setTimeout(resolve, 200));
const cpuAtStart = process.cpuUsage();
const wallAtStart = performance.now();
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
const cpu = process.cpuUsage(cpuAtStart);
const stackCores = (cpu.user + cpu.system) / 1e6 / ((performance.now() - wallAtStart) / 1000);

// where the time went: engine (ts → the media part storing it) and delivery (storing → subscriber)
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const { rows } = await db.query<{ id: string; stored: number }>(
  `select id::text as id, extract(epoch from received_at - ts) * 1000 as stored from media.events`,
);
await db.end();
const storedAfter = new Map(rows.map((r) => [r.id, Number(r.stored)]));

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
};
const summary = (list: Arrival[]) => {
  const engine = list.map((a) => storedAfter.get(a.id)).filter((v): v is number => v !== undefined);
  const delivery = list.filter((a) => storedAfter.has(a.id)).map((a) => a.latency - storedAfter.get(a.id)!);
  return {
    events: list.length,
    totalMs: {
      p50: pct(
        list.map((a) => a.latency),
        0.5,
      ),
      p99: pct(
        list.map((a) => a.latency),
        0.99,
      ),
    },
    engineMs: { p50: pct(engine, 0.5), p99: pct(engine, 0.99) },
    deliveryMs: { p50: pct(delivery, 0.5), p99: pct(delivery, 0.99) },
  };
};
const byAction = (field: 'eventCreated' | 'eventMatched') =>
  Object.fromEntries(
    [...new Set(arrivals[field].map((a) => a.action))].map((action) => [
      action,
      summary(arrivals[field].filter((a) => a.action === action)),
    ]),
  );
console.log(
  JSON.stringify(
    {
      cores: cpus().length,
      cameras: CAMERAS,
      seconds: SECONDS,
      feed: process.env.NATS_URL ? 'nats' : 'postgres NOTIFY (server)',
      stackCores: Math.round(stackCores * 100) / 100,
      eventCreated: byAction('eventCreated'),
      eventMatched: byAction('eventMatched'),
      errors: errors.slice(0, 3),
    },
    null,
    2,
  ),
);
await client.dispose();
await Promise.all(servers.map((s) => s.stop()));
await stop();
process.exit(0);
