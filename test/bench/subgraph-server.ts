import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  encodeViewer,
  requestContext,
  startGraphqlServer,
  type GraphqlServerOptions,
  type RunningServer,
  type Viewer,
} from '@argus/core';
import { buildApp, buildSchema, identityConfig } from '@argus/identity';
import { createLoaders } from '../../subgraphs/identity/src/loaders.js';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { openTestDatabase } from '../support/database.js';
import { startYogaGraphqlServer } from './yoga-server.js';
import type { BenchRequest, BenchTarget, LoadJob, LoadOutcome } from './targets.js';

/**
 * `npm run bench:subgraph-server`: the identity subgraph served twice over one database, once by
 * @apollo/server (core's startGraphqlServer) and once by graphql-yoga (yoga-server.ts, the server
 * it replaced), in one measured process
 * (this file, forked with BENCH_ROLE=subgraphs); the load generator (load.ts, autocannon) is
 * another. Every connection asks `getCurrentUser` as four users of two organizations in turn,
 * with the signed viewer header the router sends, and each answer must name its caller. For each
 * connection count the two servers take turns, round after round (the order flips every round),
 * and the medians of the rounds are reported. Exits non-zero on a wrong answer or an error.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SERVERS = ['graphql-yoga', '@apollo/server'] as const;
type ServerName = (typeof SERVERS)[number];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The measured process: identity's services on a fresh database, served by both implementations. */
async function serveSubgraphs(): Promise<void> {
  const admin = { email: 'admin@argus.local', password: 'bench-admin-password' };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-bench-subgraph-'));
  const database = await openTestDatabase();
  const config = identityConfig({
    ARGUS_DATA_DIR: dataDir,
    IDENTITY_PORT: '0',
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'fatal',
    ARGUS_TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
    ARGUS_INTERNAL_KEY: randomBytes(32).toString('hex'),
  });
  const app = buildApp(config, { database });
  await app.start();
  const services = app.services();

  const viewerOf = async (email: string, password: string): Promise<Viewer> =>
    services.tokens.authenticate(
      (await services.tokens.login({ grantType: 'password', username: email, password })).accessToken,
    );
  const superuser = await viewerOf(admin.email, admin.password);
  const administrator = (await services.roles.list(superuser)).find((role) => role.name === 'administrator');
  if (!administrator) throw new Error('no administrator role');
  const viewers: { viewer: Viewer; email: string }[] = [];
  for (const tag of ['Alpha', 'Bravo']) {
    const organization = await services.organizations.create(superuser, { name: `Org ${tag}`, description: 'bench' });
    for (const n of [1, 2]) {
      const email = `${tag.toLowerCase()}${n}@bench.example.com`;
      const password = `bench-${tag}-${n}-password`;
      const user = { firstName: tag, lastName: `User ${n}`, email, password, groupIds: [], roleId: administrator.id };
      await services.users.create(superuser, user, organization.id);
      viewers.push({ viewer: await viewerOf(email, password), email });
    }
  }

  const authenticator = { authenticate: (token: string, ip?: string) => services.tokens.authenticate(token, ip) };
  const options: GraphqlServerOptions<object> = {
    schema: buildSchema(),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger('identity', config.logLevel),
    graphql: config.graphql,
    context: async (headers, clientIp) => ({
      ...(await requestContext(headers, clientIp, { internalKey: config.internalKey, authenticator })),
      services,
      loaders: createLoaders(services),
    }),
  };
  const servers: Record<ServerName, RunningServer> = {
    'graphql-yoga': await startYogaGraphqlServer(options),
    '@apollo/server': await startGraphqlServer({ ...options, schema: buildSchema() }),
  };

  const operation = 'getCurrentUser';
  const body = JSON.stringify({ query: loadOperationDocuments().get(operation), operationName: operation });
  const targets = (): BenchTarget[] =>
    SERVERS.map((name) => ({
      read: 'users/me',
      name,
      origin: new URL(servers[name].url).origin,
      requests: viewers.map(({ viewer, email }): BenchRequest => ({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', 'x-argus-viewer': encodeViewer(viewer, config.internalKey) },
        body,
        check: {
          kind: 'user',
          path: ['data', 'viewer'],
          email,
          orgField: 'organizationId',
          organizationId: viewer.organizationId,
        },
      })),
    }));

  const stop = async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const server of Object.values(servers)) await server.close();
    await app.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'targets') process.send!({ type: 'targets', targets: targets() });
    else if (message.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage() });
    else if (message.type === 'stop') void stop().finally(() => process.exit(0));
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  process.send!({ type: 'ready', database: database.kind });
}

function child(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const script = fileURLToPath(new URL(file, import.meta.url));
  return fork(script, { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Sends a message and waits for the next one the child sends back. */
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

interface Round {
  readonly outcome: LoadOutcome;
  /** CPU the measured process used per request (ms) */
  readonly cpuPerRequest: number;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** The driver: starts the measured process and the load generator, alternates the targets, prints the medians. */
async function drive(): Promise<boolean> {
  const subgraphs = child('./subgraph-server.ts', { ...process.env, BENCH_ROLE: 'subgraphs' });
  const load = child('./load.ts', process.env);
  const cpuMs = async () => {
    const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(subgraphs, { type: 'cpu' });
    return (usage.user + usage.system) / 1000;
  };
  let failed = false;
  try {
    const { database } = await ask<{ database: string }>(subgraphs, undefined);
    const engine = database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
    console.log(
      `\nidentity subgraph, getCurrentUser with the router's viewer header, ${engine}: ` +
        `${ROUNDS} rounds × ${SECONDS} s per server, medians of the rounds`,
    );
    console.log('server            conns   req/s  p50 ms  p99 ms  errors  wrong  CPU ms/req');
    for (const connections of CONNECTIONS) {
      const rounds = new Map<ServerName, Round[]>(SERVERS.map((name) => [name, []]));
      for (let round = 0; round < ROUNDS; round += 1) {
        // viewer headers signed afresh each round (valid for five minutes); the order flips every round
        const { targets } = await ask<{ targets: BenchTarget[] }>(subgraphs, { type: 'targets' });
        const ordered = round % 2 === 0 ? targets : [...targets].reverse();
        for (const target of ordered) {
          if (round === 0) await ask<LoadOutcome>(load, { target, connections, seconds: WARMUP_SECONDS });
          const before = await cpuMs();
          const outcome = await ask<LoadOutcome>(load, { target, connections, seconds: SECONDS } satisfies LoadJob);
          const cpuPerRequest = ((await cpuMs()) - before) / Math.max(outcome.requests, 1);
          rounds.get(target.name as ServerName)!.push({ outcome, cpuPerRequest });
        }
      }
      const summary = new Map<ServerName, { rps: number; p50: number; p99: number; cpu: number }>();
      for (const name of SERVERS) {
        const measured = rounds.get(name)!;
        const outcomes = measured.map((r) => r.outcome);
        const errors = outcomes.reduce((total, o) => total + o.errors, 0);
        const wrong = outcomes.reduce((total, o) => total + o.mismatches, 0);
        const row = {
          rps: median(outcomes.map((o) => o.requestsPerSecond)),
          p50: median(outcomes.map((o) => o.p50)),
          p99: median(outcomes.map((o) => o.p99)),
          cpu: median(measured.map((r) => r.cpuPerRequest)),
        };
        summary.set(name, row);
        console.log(
          `${name.padEnd(16)} ${pad(connections, 6)} ${pad(row.rps.toFixed(0), 7)} ${pad(row.p50, 7)}` +
            ` ${pad(row.p99, 7)} ${pad(errors, 7)} ${pad(wrong, 6)} ${pad(row.cpu.toFixed(3), 11)}`,
        );
        console.log(`  rounds req/s: ${outcomes.map((o) => o.requestsPerSecond.toFixed(0)).join(' ')}`);
        if (wrong > 0 || errors > 0) {
          failed = true;
          const first = outcomes.find((o) => o.firstMismatch)?.firstMismatch;
          if (first) console.log(`  ↳ first wrong answer: ${first}`);
        }
      }
      const yoga = summary.get('graphql-yoga')!;
      const apollo = summary.get('@apollo/server')!;
      const yogaRounds = rounds.get('graphql-yoga')!;
      const perRound = rounds
        .get('@apollo/server')!
        .map((r, i) => r.outcome.requestsPerSecond / yogaRounds[i]!.outcome.requestsPerSecond);
      console.log(
        `  ratio apollo/yoga at ${connections} connections: req/s ${(apollo.rps / yoga.rps).toFixed(2)}` +
          ` (median of per-round ratios ${median(perRound).toFixed(2)}), p50 ${(apollo.p50 / yoga.p50).toFixed(2)},` +
          ` p99 ${(apollo.p99 / yoga.p99).toFixed(2)}, CPU per request ${(apollo.cpu / yoga.cpu).toFixed(2)}`,
      );
    }
  } finally {
    load.disconnect();
    await ask(subgraphs, { type: 'stop' }).catch(() => undefined);
  }
  return failed;
}

if (process.env.BENCH_ROLE === 'subgraphs') await serveSubgraphs();
else if (await drive()) {
  console.error('\nFAILED: an answer named another caller than the one who asked, or a request failed (see above)');
  process.exit(1);
}
