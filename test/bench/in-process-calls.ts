import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  borrowDatabase,
  encodeViewer,
  identityClients,
  type Database,
  type ScopedUploadCatalog,
  type Viewer,
} from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { buildApp as buildMedia, mediaConfig, type MediaApp } from '@argus/media';
import { buildApp as buildFacade, restFacadeConfig } from '@argus/rest-facade';
import { buildApp as buildRouter, routerConfig, type SubgraphFetch } from '@argus/router';
import { buildApp as buildTopology, topologyConfig } from '@argus/topology';
import { buildApp as buildWatchlists, watchlistsConfig } from '@argus/watchlists';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { openTestDatabase } from '../support/database.js';
import { printResults, type Measurement } from './report.js';
import { seed, type BenchUser } from './seed.js';
import type { AnswerCheck, BenchRequest, BenchTarget, LoadJob, LoadOutcome } from './targets.js';

/**
 * `npx tsx test/bench/in-process-calls.ts`: the router and the REST facade with their internal
 * calls over loopback HTTP (facade → router → subgraphs, as separate processes make them) against
 * the same parts calling each other in-process (the facade through the router's `fetch`, the
 * router through each subgraph's `handle`), side by side in one measured process over the same
 * subgraphs and database. GET /users/me (REST) and getCurrentUser (router) with two
 * organizations' users' tokens interleaved; every answer's identity is checked. The load
 * generator (load.ts) is a process of its own; the measured process's CPU is read before and
 * after each run. PGlite, then PostgreSQL too when DATABASE_URL is set.
 *
 * BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10), BENCH_ROUNDS (3: targets
 * take turns round after round).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLOCK_TICKS = 100;
const SERVE = '--serve';

const PAIRS = [
  ['router, HTTP', 'router, in-process'],
  ['facade, HTTP', 'facade, in-process'],
] as const;

// ---------------------------------------------------------------------------------------------
// the measured process
// ---------------------------------------------------------------------------------------------

async function serve(): Promise<void> {
  const admin = { email: 'admin@argus.local', password: 'bench-admin-password' };
  const internalKey = randomBytes(32).toString('hex');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-bench-in-process-'));
  const database = await openTestDatabase();
  const env = {
    ARGUS_DATA_DIR: dataDir,
    REST_PORT: '0',
    ROUTER_PORT: '0',
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'fatal',
    MEDIA_ENGINE: 'false',
    FACE_ANALYSIS: 'false',
    ARGUS_TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
    ARGUS_INTERNAL_KEY: internalKey,
  };
  const subgraphs = await startSubgraphs(env, database);
  const feed = { database: subgraphs.database, databaseUrl: database.url };
  const endpoints = Object.entries(subgraphs.urls).map(([name, url]) => ({ name, url }));
  const mediaUrl = subgraphs.urls.media;

  // internal calls over loopback HTTP, as between separate processes
  const httpRouter = buildRouter(routerConfig(env), { subgraphs: endpoints, ...feed });
  const { url: httpRouterUrl } = await httpRouter.start();
  const httpFacade = buildFacade({ ...restFacadeConfig(env), routerUrl: httpRouterUrl, mediaUrl });
  const { url: httpRestUrl } = await httpFacade.start();

  // the same parts calling each other in-process
  const subgraphFetch: SubgraphFetch = Object.fromEntries(subgraphs.entries.map((e) => [e.url, e.handle]));
  const localRouter = buildRouter(routerConfig(env), { subgraphs: endpoints, ...feed, subgraphFetch });
  const { url: localRouterUrl } = await localRouter.start();
  const localFacade = buildFacade(
    { ...restFacadeConfig(env), routerUrl: localRouterUrl, mediaUrl },
    { routerFetch: (request) => localRouter.fetch(request) },
  );
  const { url: localRestUrl } = await localFacade.start();

  const users = await seed(httpRestUrl, admin);
  const { authenticator } = identityClients(subgraphs.urls.identity, internalKey);
  const viewers = new Map<string, Viewer>();
  for (const user of users) viewers.set(user.email, await authenticator.authenticate(user.token));

  const documents = loadOperationDocuments();
  const me = JSON.stringify({ query: documents.get('getCurrentUser'), operationName: 'getCurrentUser', variables: {} });
  const restMe = (u: BenchUser): AnswerCheck => ({
    kind: 'user',
    path: [],
    email: u.email,
    orgField: 'organization_id',
    organizationId: u.organizationId,
  });
  const graphqlMe = (u: BenchUser): AnswerCheck => ({
    kind: 'user',
    path: ['data', 'viewer'],
    email: u.email,
    orgField: 'organizationId',
    organizationId: u.organizationId,
  });
  const target = (name: string, url: string, graphql: boolean, viewerHeader = false): BenchTarget => {
    const { origin, pathname } = new URL(url);
    const requests = users.map((user): BenchRequest => ({
      method: graphql ? 'POST' : 'GET',
      path: pathname,
      headers: {
        ...(graphql ? { 'content-type': 'application/json' } : {}),
        ...(viewerHeader
          ? { 'x-argus-viewer': encodeViewer(viewers.get(user.email)!, internalKey) }
          : { authorization: `Bearer ${user.token}` }),
      },
      body: graphql ? me : undefined,
      check: graphql ? graphqlMe(user) : restMe(user),
    }));
    return { read: 'users/me', name, origin, requests };
  };
  // viewer headers are valid for five minutes: signed afresh whenever targets are asked for
  const targets = () => [
    target('identity subgraph', subgraphs.urls.identity, true, true),
    target('router, HTTP', httpRouterUrl, true),
    target('router, in-process', localRouterUrl, true),
    target('facade, HTTP', `${httpRestUrl}/api/v1/users/me`, false),
    target('facade, in-process', `${localRestUrl}/api/v1/users/me`, false),
  ];

  const stop = async () => {
    // requests still in flight when the load generator stopped finish before the parts close
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await localFacade.stop();
    await localRouter.stop();
    await httpFacade.stop();
    await httpRouter.stop();
    await subgraphs.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'targets') process.send!({ targets: targets() });
    else if (message.type === 'cpu') process.send!({ usage: process.cpuUsage() });
    else if (message.type === 'stop') void stop().finally(() => process.exit(0));
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  process.send!({ database: database.kind });
}

interface StartedSubgraphs {
  readonly urls: { identity: string; topology: string; watchlists: string; media: string };
  /** each subgraph's URL and in-process entry */
  readonly entries: readonly { url: string; handle: (request: Request) => Promise<Response> }[];
  readonly database: Database;
  stop(): Promise<void>;
}

/** The four subgraphs on free ports over one database, wired as the all-in-one start wires them. */
async function startSubgraphs(env: Record<string, string>, database: Database): Promise<StartedSubgraphs> {
  const shared = borrowDatabase(database);
  // the media part, started last, answers the others' upload references in-process
  const parts: { media?: MediaApp } = {};
  const mediaApp = () => {
    if (!parts.media) throw new Error('media is not started');
    return parts.media;
  };
  const uploads: ScopedUploadCatalog = {
    exists: (id, kind, viewer) => mediaApp().uploads.exists(id, kind, viewer),
    lookup: (ids, viewer) => mediaApp().uploads.lookup(ids, viewer),
  };
  const stops: (() => Promise<void>)[] = [];
  const start = async <S extends { url: string; handle: (request: Request) => Promise<Response> }>(app: {
    start(): Promise<S>;
    stop(): Promise<void>;
  }): Promise<S> => {
    const started = await app.start();
    stops.push(() => app.stop());
    return started;
  };
  const identity = await start(buildIdentity({ ...identityConfig(env), port: 0 }, { database: shared, uploads }));
  const identityUrl = identity.url;
  const topology = await start(
    buildTopology({ ...topologyConfig(env), identityUrl, port: 0 }, { database: shared, uploads }),
  );
  const watchlists = await start(
    buildWatchlists({ ...watchlistsConfig(env), identityUrl, port: 0 }, { database: shared, uploads }),
  );
  parts.media = buildMedia(
    { ...mediaConfig(env), identityUrl, port: 0 },
    { database: shared, topologyUrl: () => topology.url, watchlistsUrl: () => watchlists.url },
  );
  const mediaStarted = await start(parts.media);
  return {
    urls: { identity: identityUrl, topology: topology.url, watchlists: watchlists.url, media: mediaStarted.url },
    entries: [identity, topology, watchlists, mediaStarted],
    database: shared,
    async stop() {
      for (const stopPart of stops.reverse()) await stopPart().catch(() => undefined);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// the runner: the measured process and the load generator as children of this one
// ---------------------------------------------------------------------------------------------

function child(file: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), args, {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends a message (if any) and waits for the next one the child sends back. */
function ask<T>(process: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before answering`));
    process.once('exit', onExit);
    process.once('message', (answer) => {
      process.off('exit', onExit);
      resolve(answer as T);
    });
    if (message !== undefined) process.send(message as object);
  });
}

async function serverCpuMs(server: ChildProcess): Promise<number> {
  const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(server, { type: 'cpu' });
  return (usage.user + usage.system) / 1000;
}

/** Load average and the machine's busy CPU ticks so far (from /proc). */
function machineLoad(): { load: number; busyTicks: number } {
  const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  return { load, busyTicks: cpu.reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]! };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One target's rounds as one measurement: totals for requests and CPU, medians for rates and latencies. */
function combine(rounds: Measurement[]): Measurement {
  const sum = (value: (m: Measurement) => number) => rounds.reduce((total, m) => total + value(m), 0);
  const outcomes = rounds.map((m) => m.outcome);
  return {
    ...rounds[0]!,
    outcome: {
      requests: sum((m) => m.outcome.requests),
      requestsPerSecond: median(outcomes.map((o) => o.requestsPerSecond)),
      p50: median(outcomes.map((o) => o.p50)),
      p99: median(outcomes.map((o) => o.p99)),
      errors: sum((m) => m.outcome.errors),
      mismatches: sum((m) => m.outcome.mismatches),
      firstMismatch: outcomes.find((o) => o.firstMismatch)?.firstMismatch,
      loadCpuMs: sum((m) => m.outcome.loadCpuMs),
    },
    serverCpuMs: sum((m) => m.serverCpuMs),
    workersCpuMs: 0,
    wallMs: sum((m) => m.wallMs),
    rounds,
    machine: {
      loadAverage: median(rounds.map((m) => m.machine.loadAverage)),
      otherPercent: median(rounds.map((m) => m.machine.otherPercent)),
    },
  };
}

async function measureDatabase(env: NodeJS.ProcessEnv): Promise<{ database: string; measurements: Measurement[] }> {
  const server = child('./in-process-calls.ts', [SERVE], env);
  const load = child('./load.ts', [], process.env);
  try {
    const { database } = await ask<{ database: string }>(server, undefined);
    const measurements: Measurement[] = [];
    const warmed = new Set<string>();
    for (const connections of CONNECTIONS) {
      const rounds = new Map<string, Measurement[]>();
      for (let round = 0; round < ROUNDS; round += 1) {
        const { targets } = await ask<{ targets: BenchTarget[] }>(server, { type: 'targets' });
        for (const target of targets) {
          if (!warmed.has(target.name)) {
            await ask<LoadOutcome>(load, { target, connections, seconds: WARMUP_SECONDS } satisfies LoadJob);
            warmed.add(target.name);
          }
          const cpuBefore = await serverCpuMs(server);
          const machineBefore = machineLoad();
          const started = performance.now();
          const outcome = await ask<LoadOutcome>(load, { target, connections, seconds: SECONDS } satisfies LoadJob);
          const wallMs = performance.now() - started;
          const serverCpu = (await serverCpuMs(server)) - cpuBefore;
          const machineAfter = machineLoad();
          const busyMs = ((machineAfter.busyTicks - machineBefore.busyTicks) * 1000) / CLOCK_TICKS;
          const otherPercent = ((busyMs - serverCpu - outcome.loadCpuMs) / wallMs) * 100;
          const measured: Measurement = {
            read: target.read,
            target: target.name,
            connections,
            outcome,
            serverCpuMs: serverCpu,
            workersCpuMs: 0,
            wallMs,
            machine: { loadAverage: machineAfter.load, otherPercent },
          };
          rounds.set(target.name, [...(rounds.get(target.name) ?? []), measured]);
        }
      }
      measurements.push(...[...rounds.values()].map(combine));
    }
    return { database, measurements };
  } finally {
    load.disconnect();
    await ask(server, { type: 'stop' }).catch(() => undefined);
  }
}

/** In-process against HTTP for the router and the facade: req/s (median of per-round ratios), latencies, CPU. */
function printComparison(measurements: Measurement[]): void {
  const cpu = (m: Measurement) => m.serverCpuMs / m.outcome.requests;
  for (const connections of CONNECTIONS) {
    console.log(`\nusers/me, ${connections} connections, in-process against HTTP between the parts:`);
    for (const [overHttp, inProcess] of PAIRS) {
      const find = (name: string) => measurements.find((m) => m.target === name && m.connections === connections);
      const before = find(overHttp);
      const after = find(inProcess);
      if (!before || !after) continue;
      const ratios = (after.rounds ?? [after]).map(
        (m, i) => m.outcome.requestsPerSecond / (before.rounds ?? [before])[i]!.outcome.requestsPerSecond,
      );
      console.log(
        `  ${inProcess.padEnd(20)} req/s ×${median(ratios).toFixed(2)} (${before.outcome.requestsPerSecond.toFixed(0)} → ` +
          `${after.outcome.requestsPerSecond.toFixed(0)}); p50 ${before.outcome.p50} → ${after.outcome.p50} ms; ` +
          `p99 ${before.outcome.p99} → ${after.outcome.p99} ms; CPU ms/request ${cpu(before).toFixed(2)} → ${cpu(after).toFixed(2)}`,
      );
    }
  }
}

async function measureAll(): Promise<void> {
  const databases: NodeJS.ProcessEnv[] = [{ ...process.env, DATABASE_URL: '' }];
  if (process.env.DATABASE_URL) databases.push({ ...process.env });
  let failed = false;
  for (const env of databases) {
    const { database, measurements } = await measureDatabase(env);
    failed = printResults(database, measurements, SECONDS, ROUNDS) || failed;
    printComparison(measurements);
  }
  if (failed) {
    console.error('\nFAILED: some answers named another caller than the one who asked (see above)');
    process.exit(1);
  }
}

if (process.argv.includes(SERVE)) await serve();
else await measureAll();
