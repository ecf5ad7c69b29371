/**
 * The load of the fan-out benchmark (forked by events-fanout.ts): subscribers through the router,
 * then events stored and announced at a fixed rate, as the media part's writer does after commit.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { openDatabase } from '@argus/core';
import { openEventFeed } from '../../subgraphs/media/src/events/live/open-event-feed.js';
import { mediaDb } from '../../subgraphs/media/src/db.js';
import { EventRepository, type NewEvent } from '../../subgraphs/media/src/repositories/event.repository.js';

const env = process.env;
const RATE = Number(env.BENCH_RATE ?? 1000);
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const SUBSCRIBERS = Number(env.BENCH_SUBSCRIBERS ?? 100);
const routerUrl = env.BENCH_ROUTER_URL!;
const cameraId = env.BENCH_CAMERA_ID!;
const organizationId = Number(env.BENCH_ORGANIZATION_ID);
const placeId = Number(env.BENCH_PLACE_ID);

const database = await openDatabase({ url: env.BENCH_DATABASE_URL!, dataDir: '', poolSize: 32 });
const events = new EventRepository(mediaDb(database.db));
await events.ensurePartition(new Date());
await events.ensurePartition(new Date(Date.now() + 86_400_000));
const feed = await openEventFeed(
  { eventFeedKind: env.NATS_URL ? 'nats' : 'postgres', natsUrl: env.NATS_URL },
  database,
);

const announcedAt = new Map<string, number>();
const measured = new Set<string>();
const latencies: number[] = [];
const received = Array.from({ length: SUBSCRIBERS }, () => new Set<string>());
const errors: unknown[] = [];
/** subscriber i signs in as user i mod the number of users */
const tokens = env.BENCH_TOKENS!.split(',');
const QUERY = 'subscription { eventCreated { id } }';
const ID_AT = Buffer.from('"eventCreated":{"id":"');

/**
 * One subscriber speaking graphql-transport-ws itself: an event's id is read straight from the
 * message's bytes, and only other messages are parsed, so that one load process can take
 * 100,000 messages/s beside the stack on this machine (a full client parses every message).
 */
function subscriber(i: number): WebSocket {
  const socket = new WebSocket(routerUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', {
    skipUTF8Validation: true,
    perMessageDeflate: false,
  });
  socket.on('open', () =>
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${tokens[i % tokens.length]}` } }),
    ),
  );
  socket.on('message', (data: Buffer) => {
    const at = data.indexOf(ID_AT);
    if (at >= 0 && data.indexOf('"errors"') < 0) {
      const id = data.toString('latin1', at + ID_AT.length, at + ID_AT.length + 36);
      const announced = announcedAt.get(id);
      if (announced !== undefined && measured.has(id)) latencies.push(performance.now() - announced);
      received[i]!.add(id);
      return;
    }
    const message = JSON.parse(data.toString()) as { type: string; payload?: unknown };
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
    } else if (message.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (message.type !== 'pong') {
      errors.push(message);
    }
  });
  socket.on('error', (error) => errors.push(String(error)));
  socket.on('close', (code, reason) => {
    if (!finished) errors.push(`subscriber ${i} closed: ${code} ${String(reason)}`);
  });
  return socket;
}
let finished = false;
const clients = Array.from({ length: SUBSCRIBERS }, (_, i) => subscriber(i));

const motion = (ts: Date): NewEvent => {
  const id = randomUUID();
  return {
    id,
    event_type: 'motion_detection',
    camera_id: cameraId,
    organization_id: organizationId,
    place_id: placeId,
    stream_server_id: 'bench',
    object_id: id,
    event_action: 'appeared',
    ts,
    event_data: { motion: { roi_bbox: [0, 0, 640, 480], roi_name: 'whole frame', area_fr: 0.2 } },
    plate: null,
    descriptor: null,
    match_state: 'none',
  };
};

/**
 * Stores `count` events in one transaction (a tick's worth: one engine's transaction per event
 * would make this process and PostgreSQL, not the path measured, the limit on two cores), then
 * announces each as the media part does after its commit.
 */
async function inject(count: number, measure: boolean): Promise<string[]> {
  const ts = new Date();
  const ids = await events.insertMany(Array.from({ length: count }, () => motion(ts)));
  const at = performance.now();
  for (const id of ids) {
    announcedAt.set(id, at);
    if (measure) measured.add(id);
  }
  await Promise.all(
    ids.map((eventId) =>
      feed.announce({
        eventId,
        kind: 'created',
        eventType: 'motion_detection',
        cameraId,
        organizationId,
        placeId,
        ts: ts.getTime(),
      }),
    ),
  );
  return ids;
}

// every subscriber listens once it has an event
const warmup: string[] = [];
for (;;) {
  warmup.push(...(await inject(1, false)));
  if (received.every((r) => r.size > 0)) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
process.send?.({ phase: 'subscribed' });
await new Promise((resolve) => setTimeout(resolve, 2000));

const sent: string[] = [];
process.send?.({ phase: 'injecting' });
const cpuAtStart = process.cpuUsage();
const start = performance.now();
const tickMs = 10;
let started = 0;
let behind = 0;
const inflight = new Set<Promise<unknown>>();
while (performance.now() - start < SECONDS * 1000) {
  // what is due by now (a timer that fires early must not inject a tick twice)
  const due = Math.floor(((performance.now() - start) / 1000) * RATE);
  if (started < due) {
    const p = inject(due - started, true).then((ids) => sent.push(...ids));
    started = due;
    inflight.add(p);
    p.finally(() => inflight.delete(p));
  }
  // more than half a second of ticks unfinished: wait for one (counted as falling behind)
  if (inflight.size > 50) {
    behind += 1;
    await Promise.race(inflight);
  }
  const next = start + Math.ceil((performance.now() - start + 0.001) / tickMs) * tickMs;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
await Promise.all(inflight);
const injectSeconds = (performance.now() - start) / 1000;
const cpuInjecting = process.cpuUsage(cpuAtStart);
const expected = sent.length * SUBSCRIBERS;
const deadline = Date.now() + 60_000;
const got = () => received.reduce((n, r) => n + sent.filter((id) => r.has(id)).length, 0);
while (Date.now() < deadline && got() < expected) await new Promise((resolve) => setTimeout(resolve, 500));
const delivered = got();
const cpu = process.cpuUsage(cpuAtStart);
const busySeconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN) * 10) / 10;
process.send?.({
  phase: 'done',
  result: {
    subscribers: SUBSCRIBERS,
    users: tokens.length,
    rateAsked: RATE,
    seconds: SECONDS,
    injected: sent.length,
    injectRate: Math.round(sent.length / injectSeconds),
    generatorFellBehindTicks: behind,
    deliveriesExpected: expected,
    deliveries: delivered,
    lost: expected - delivered,
    errorCount: errors.length,
    errors: errors.slice(0, 3),
    latencyMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: pct(1) },
    loadProcessCpu: Math.round(((cpu.user + cpu.system) / 1e6 / busySeconds) * 100) / 100,
    loadProcessCpuWhileInjecting:
      Math.round(((cpuInjecting.user + cpuInjecting.system) / 1e6 / injectSeconds) * 100) / 100,
  },
});
finished = true;
for (const client of clients) client.close();
await feed.close();
await database.close();
