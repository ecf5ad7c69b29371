import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import {
  createLogger,
  encodeViewer,
  identityClients,
  openDatabase,
  pgliteOf,
  type Database,
  type Viewer,
} from '@argus/core';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { buildApp as buildFacade, restFacadeConfig } from '../../rest-facade/src/app.js';
import { buildApp as buildRouter, relayViewerChanges, routerConfig } from '@argus/router';
import { startEdgeWorkers, startStack } from '@argus/stack';
import { openTestDatabase } from '../support/database.js';
import { inProcessTokenCheck } from './in-process-token-check.js';
import { startReferenceMonolith } from './reference-monolith.js';
import { CAMERAS_PER_ORGANIZATION, seed, type BenchUser } from './seed.js';
import type { AnswerCheck, BenchRequest, BenchTarget } from './targets.js';

/**
 * The measured process (started by run.ts with IPC): every Argus part in one process
 * (startStack, as `npm start` runs them with WORKERS=1) and the reference monolith, on one fresh
 * database — embedded PGlite, or a new database on the server DATABASE_URL names — and, over the
 * same subgraphs, the router and the facade in BENCH_WORKERS worker processes (default: one per
 * core), as `npm start` runs them by default. Answers `targets` (with freshly signed viewer
 * headers), `cpu` (this process's and the workers' CPU time) and `stop` messages.
 */
const ADMIN = { email: 'admin@argus.local', password: 'bench-admin-password' };
const signingKey = randomBytes(32).toString('hex');
const internalKey = randomBytes(32).toString('hex');

const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-bench-'));
const database = await openTestDatabase();
const env = {
  ARGUS_DATA_DIR: dataDir,
  REST_PORT: '0',
  ROUTER_PORT: '0',
  ADMIN_PASSWORD: ADMIN.password,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'fatal',
  MEDIA_ENGINE: 'false',
  FACE_ANALYSIS: 'false',
  ARGUS_TOKEN_SIGNING_KEY: signingKey,
  ARGUS_INTERNAL_KEY: internalKey,
};
const stack = await startStack(env, database);
const relay = pgliteOf(database) ? await relayViewerChanges(pgliteOf(database)!) : undefined;
const workers = await startEdgeWorkers({
  count: Number(process.env.BENCH_WORKERS ?? availableParallelism()),
  env: { ...process.env, ...env },
  subgraphs: stack.subgraphs,
  keys: { tokenSigningKey: signingKey, internalKey },
  relay,
  databaseUrl: database.url,
  logger: createLogger('bench', env.LOG_LEVEL),
});
// against a server the reference has a pool of its own, as a process of its own would
const referenceDb: Database = database.url ? await openDatabase({ url: database.url, dataDir: '' }) : database;
const reference = await startReferenceMonolith(referenceDb.db, signingKey);
const users = await seed(stack.restUrl, ADMIN);
const { authenticator } = identityClients(stack.subgraphs.identity, internalKey);
const viewers = new Map<string, Viewer>();
for (const user of users) viewers.set(user.email, await authenticator.authenticate(user.token));

/**
 * BENCH_EXPERIMENT=in-process-token-check: a second router whose token check runs in its own process
 * (see in-process-token-check.ts) and a second facade in front of it, measured as extra targets.
 */
const experiment = process.env.BENCH_EXPERIMENT === 'in-process-token-check' ? await startExperiment() : undefined;

async function startExperiment(): Promise<{ routerUrl: string; restUrl: string; stop(): Promise<void> }> {
  const subgraphs = Object.entries(stack.subgraphs).map(([name, url]) => ({ name, url: url as string }));
  const authenticator = inProcessTokenCheck(database.db, signingKey);
  const router = buildRouter(routerConfig(env), { subgraphs, authenticator });
  const { url: routerUrl } = await router.start();
  const facade = buildFacade({ ...restFacadeConfig(env), routerUrl, mediaUrl: stack.subgraphs.media });
  const { url: restUrl } = await facade.start();
  return {
    routerUrl,
    restUrl,
    stop: async () => {
      await facade.stop();
      await router.stop();
    },
  };
}

/** BENCH_READS: which reads to measure (`users/me,cameras` by default). */
const READS = process.env.BENCH_READS?.split(',');

/** CPU time (ms) the worker processes used so far (/proc/<pid>/stat: utime + stime, in clock ticks). */
function workersCpuMs(): number {
  let ticks = 0;
  for (const pid of workers.pids()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // a worker that exited (restarted) counts no more
    }
  }
  return ticks * 10;
}

const documents = loadOperationDocuments();
const graphql = (operationName: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query: documents.get(operationName), operationName, variables });
const camerasVariables = { first: CAMERAS_PER_ORGANIZATION, withOrigin: true };

/** The bearer token (router, facade, reference) or the signed viewer header the router sends (subgraphs). */
type Auth = 'bearer' | 'viewer';
function headers(user: BenchUser, auth: Auth, json: boolean): Record<string, string> {
  const given: Record<string, string> = json ? { 'content-type': 'application/json' } : {};
  if (auth === 'bearer') given.authorization = `Bearer ${user.token}`;
  else given['x-argus-viewer'] = encodeViewer(viewers.get(user.email)!, internalKey);
  return given;
}

type Check = (user: BenchUser) => AnswerCheck;
const restMe: Check = (u) => ({
  kind: 'user',
  path: [],
  email: u.email,
  orgField: 'organization_id',
  organizationId: u.organizationId,
});
const graphqlMe: Check = (u) => ({
  kind: 'user',
  path: ['data', 'viewer'],
  email: u.email,
  orgField: 'organizationId',
  organizationId: u.organizationId,
});
const restCameras: Check = (u) => ({
  kind: 'list',
  path: ['cameras'],
  prefix: u.cameraPrefix,
  count: CAMERAS_PER_ORGANIZATION,
});
const graphqlCameras: Check = (u) => ({
  kind: 'list',
  path: ['data', 'cameras', 'nodes'],
  prefix: u.cameraPrefix,
  count: CAMERAS_PER_ORGANIZATION,
});

/** One request per user: a REST GET with the bearer token, or a GraphQL POST with the given credentials. */
function target(read: string, name: string, url: string, check: Check, graphqlBody?: string, auth: Auth = 'bearer') {
  const { origin, pathname, search } = new URL(url);
  const requests = users.map((user): BenchRequest => ({
    path: `${pathname}${search}`,
    method: graphqlBody ? 'POST' : 'GET',
    headers: headers(user, auth, graphqlBody !== undefined),
    body: graphqlBody,
    check: check(user),
  }));
  return { read, name, origin, requests } satisfies BenchTarget;
}

/** Every target, with viewer headers signed now (they are valid for five minutes). */
function targets(): BenchTarget[] {
  const me = graphql('getCurrentUser');
  const cameras = graphql('listCameras', camerasVariables);
  const camerasPath = `/api/v1/cameras?with_origin=true&limit=${CAMERAS_PER_ORGANIZATION}`;
  return [
    target('users/me', 'reference monolith', `${reference.url}/users/me`, restMe),
    target('users/me', 'identity subgraph', stack.subgraphs.identity, graphqlMe, me, 'viewer'),
    target('users/me', 'router', stack.routerUrl, graphqlMe, me),
    target('users/me', 'REST facade', `${stack.restUrl}/api/v1/users/me`, restMe),
    target('users/me', 'router, workers', workers.routerUrl, graphqlMe, me),
    target('users/me', 'facade, workers', `${workers.restUrl}/api/v1/users/me`, restMe),
    ...(experiment
      ? [
          target('users/me', 'router, local check', experiment.routerUrl, graphqlMe, me),
          target('users/me', 'facade, local check', `${experiment.restUrl}/api/v1/users/me`, restMe),
        ]
      : []),
    target('cameras', 'topology subgraph', stack.subgraphs.topology, graphqlCameras, cameras, 'viewer'),
    target('cameras', 'router', stack.routerUrl, graphqlCameras, cameras),
    target('cameras', 'REST facade', `${stack.restUrl}${camerasPath}`, restCameras),
    target('cameras', 'router, workers', workers.routerUrl, graphqlCameras, cameras),
    target('cameras', 'facade, workers', `${workers.restUrl}${camerasPath}`, restCameras),
  ].filter((t) => READS === undefined || READS.includes(t.read));
}

async function stop(): Promise<void> {
  // requests still in flight when the load generator stopped finish before the parts close
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await reference.stop();
  await experiment?.stop();
  await workers.stop();
  await relay?.stop();
  await stack.stop();
  if (referenceDb !== database) await referenceDb.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'targets') process.send!({ type: 'targets', targets: targets() });
  else if (message.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage(), workersMs: workersCpuMs() });
  else if (message.type === 'stop') void stop().finally(() => process.exit(0));
});
process.on('disconnect', () => void stop().finally(() => process.exit(0)));
process.send!({ type: 'ready', database: database.kind });
