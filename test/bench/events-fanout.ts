/**
 * Fan-out benchmark of live recognition events (npm run bench:events:fanout): the whole stack in
 * this process (router, media and the other subgraphs) on a fresh database of the PostgreSQL
 * server (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test); a load process
 * (events-fanout-load.ts) subscribes BENCH_SUBSCRIBERS clients to eventCreated through the
 * router, spread over BENCH_USERS users of the organization (default 1; the subscriptions of one
 * user share one execution in the router, those of different users do not), then stores BENCH_RATE
 * events/s for BENCH_SECONDS (those due in a 10 ms tick in one transaction) and announces each
 * as the media part does after its commit (the feed: NOTIFY, or NATS with NATS_URL), and measures
 * delivery. This process reports its RSS (the subscription path: router + media) every second.
 */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startEventsBench } from './events-stack.js';
import { call, signIn } from './rest.js';

const { stack, databaseUrl, organizationId, userToken, stop } = await startEventsBench('fanout', {
  LOG_LEVEL: 'warn',
  FACE_ANALYSIS: 'false',
  MEDIA_ENGINE: 'false',
  ...(process.env.EVENT_SUBSCRIBER_BUFFER ? { EVENT_SUBSCRIBER_BUFFER: process.env.EVENT_SUBSCRIBER_BUFFER } : {}),
});
const place = await call(stack.restUrl, 'POST', '/places', userToken, { name: 'Bench site' });
const camera = await call(stack.restUrl, 'POST', '/cameras', userToken, {
  name: 'Bench cam',
  place_id: place.id,
  source: { url: 'rtsp://10.0.0.1/1' },
});

const users = Math.max(1, Number(process.env.BENCH_USERS ?? 1));
const tokens = [userToken];
const roles = (await call(stack.restUrl, 'GET', '/roles', userToken)).roles as { id: number; name: string }[];
for (let i = 1; i < users; i++) {
  const email = `fanout-${i}@bench.example.com`;
  await call(stack.restUrl, 'POST', '/users', userToken, {
    first_name: 'Subscriber',
    last_name: String(i),
    email,
    password: 'bench-fanout-password',
    group_ids: [],
    role_id: roles.find((r) => r.name === 'operator')!.id,
  });
  tokens.push(await signIn(stack.restUrl, email, 'bench-fanout-password'));
}

const rss: number[] = [];
const sample = () => rss.push(process.memoryUsage().rss);
sample();
const timer = setInterval(sample, 1000);
const load = fork(fileURLToPath(new URL('./events-fanout-load.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    BENCH_ROUTER_URL: stack.routerUrl,
    BENCH_TOKENS: tokens.join(','),
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_CAMERA_ID: camera.id,
    BENCH_ORGANIZATION_ID: String(organizationId),
    BENCH_PLACE_ID: String(place.id),
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
let subscribedAt = 0;
/** CPU of this process (router + subgraphs) and of the whole machine, from the first injected event to the last delivery */
let cpuAtStart = process.cpuUsage();
let machineAtStart = machineCpu();
let wallAtStart = performance.now();
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}
const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
  load.on('message', (message: any) => {
    if (message.phase === 'subscribed') subscribedAt = rss.length;
    if (message.phase === 'injecting') {
      cpuAtStart = process.cpuUsage();
      machineAtStart = machineCpu();
      wallAtStart = performance.now();
    }
    if (message.phase === 'done') resolve(message.result);
  });
  load.on('exit', (code) => reject(new Error(`the load process exited with ${code}`)));
});
clearInterval(timer);
sample();
const stackCpu = process.cpuUsage(cpuAtStart);
const machine = machineCpu();
const wallSeconds = (performance.now() - wallAtStart) / 1000;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
console.log(
  JSON.stringify(
    {
      feed: process.env.NATS_URL ? `nats (${process.env.NATS_URL})` : 'postgres NOTIFY (server)',
      ...result,
      cpuCoresBusy: {
        stackProcess: Math.round(((stackCpu.user + stackCpu.system) / 1e6 / wallSeconds) * 100) / 100,
        loadProcess: result.loadProcessCpu,
        machine:
          Math.round(
            ((machine.busy - machineAtStart.busy) / (machine.total - machineAtStart.total)) * cpus().length * 100,
          ) / 100,
      },
      stackCpuMsPer1000Deliveries:
        Math.round(((stackCpu.user + stackCpu.system) / 1000 / Math.max(1, Number(result.deliveries))) * 1000 * 10) /
        10,
      rssMb: {
        beforeSubscribers: mb(rss[0]!),
        withSubscribersIdle: mb(rss[Math.max(0, subscribedAt - 1)] ?? rss[0]!),
        peak: mb(Math.max(...rss)),
        end: mb(rss[rss.length - 1]!),
      },
    },
    null,
    2,
  ),
);
load.kill();
await stop();
process.exit(0);
