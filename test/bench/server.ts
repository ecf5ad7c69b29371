import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeViewer, identityClients, openDatabase, type Database, type Viewer } from '@argus/core';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { startStack } from '../../rest-facade/src/stack.js';
import { openTestDatabase } from '../support/database.js';
import { startReferenceMonolith } from './reference-monolith.js';
import { CAMERAS_PER_ORGANIZATION, seed, type BenchUser } from './seed.js';
import type { BenchRequest, BenchTarget } from './targets.js';

/**
 * The measured process (started by run.ts with IPC): every Argus part in one process
 * (startStack, as `npm start` runs them) and the reference monolith, on one fresh database —
 * embedded PGlite, or a new database on the server DATABASE_URL names. Answers `targets` (with
 * freshly signed viewer headers), `cpu` (process.cpuUsage()) and `stop` messages.
 */
const ADMIN = { email: 'admin@argus.local', password: 'bench-admin-password' };
const signingKey = randomBytes(32).toString('hex');
const internalKey = randomBytes(32).toString('hex');

const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-bench-'));
const database = await openTestDatabase();
const stack = await startStack({
  ARGUS_DATA_DIR: dataDir, REST_PORT: '0', ROUTER_PORT: '0', ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'fatal',
  MEDIA_ENGINE: 'false', FACE_ANALYSIS: 'false', ARGUS_TOKEN_SIGNING_KEY: signingKey, ARGUS_INTERNAL_KEY: internalKey,
}, database);
// against a server the reference has a pool of its own, as a process of its own would
const referenceDb: Database = database.url ? await openDatabase({ url: database.url, dataDir: '' }) : database;
const reference = await startReferenceMonolith(referenceDb.db, signingKey);
const users = await seed(stack.restUrl, ADMIN);
const { authenticator } = identityClients(stack.subgraphs.identity, internalKey);
const viewers = new Map<string, Viewer>();
for (const user of users) viewers.set(user.email, await authenticator.authenticate(user.token));

const documents = loadOperationDocuments();
const graphql = (operationName: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query: documents.get(operationName), operationName, variables });
const camerasVariables = { first: CAMERAS_PER_ORGANIZATION, withOrigin: true };

type Auth = 'bearer' | 'viewer';
function headers(user: BenchUser, auth: Auth, json: boolean): Record<string, string> {
  const given: Record<string, string> = json ? { 'content-type': 'application/json' } : {};
  if (auth === 'bearer') given.authorization = `Bearer ${user.token}`;
  else given['x-argus-viewer'] = encodeViewer(viewers.get(user.email)!, internalKey);
  return given;
}

function target(read: string, name: string, url: string, request: (user: BenchUser) => Omit<BenchRequest, 'path'>): BenchTarget {
  const { origin, pathname, search } = new URL(url);
  return { read, name, origin, requests: users.map((user) => ({ path: `${pathname}${search}`, ...request(user) })) };
}

/** Every target, with viewer headers signed now (they are valid for five minutes). */
function targets(): BenchTarget[] {
  const me = (user: BenchUser, path: string[], orgField: string) =>
    ({ kind: 'user', path, email: user.email, orgField, organizationId: user.organizationId }) as const;
  const cams = (user: BenchUser, path: string[]) =>
    ({ kind: 'list', path, prefix: user.cameraPrefix, count: CAMERAS_PER_ORGANIZATION }) as const;
  const meQuery = graphql('getCurrentUser');
  const camerasQuery = graphql('listCameras', camerasVariables);
  return [
    target('users/me', 'reference monolith', `${reference.url}/users/me`,
      (u) => ({ method: 'GET', headers: headers(u, 'bearer', false), check: me(u, [], 'organization_id') })),
    target('users/me', 'identity subgraph', stack.subgraphs.identity,
      (u) => ({ method: 'POST', headers: headers(u, 'viewer', true), body: meQuery, check: me(u, ['data', 'viewer'], 'organizationId') })),
    target('users/me', 'router', stack.routerUrl,
      (u) => ({ method: 'POST', headers: headers(u, 'bearer', true), body: meQuery, check: me(u, ['data', 'viewer'], 'organizationId') })),
    target('users/me', 'REST facade', `${stack.restUrl}/api/v1/users/me`,
      (u) => ({ method: 'GET', headers: headers(u, 'bearer', false), check: me(u, [], 'organization_id') })),
    target('cameras', 'topology subgraph', stack.subgraphs.topology,
      (u) => ({ method: 'POST', headers: headers(u, 'viewer', true), body: camerasQuery, check: cams(u, ['data', 'cameras', 'nodes']) })),
    target('cameras', 'router', stack.routerUrl,
      (u) => ({ method: 'POST', headers: headers(u, 'bearer', true), body: camerasQuery, check: cams(u, ['data', 'cameras', 'nodes']) })),
    target('cameras', 'REST facade', `${stack.restUrl}/api/v1/cameras?with_origin=true&limit=${CAMERAS_PER_ORGANIZATION}`,
      (u) => ({ method: 'GET', headers: headers(u, 'bearer', false), check: cams(u, ['cameras']) })),
  ];
}

async function stop(): Promise<void> {
  // requests still in flight when the load generator stopped finish before the parts close
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await reference.stop();
  await stack.stop();
  if (referenceDb !== database) await referenceDb.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'targets') process.send!({ type: 'targets', targets: targets() });
  else if (message.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage() });
  else if (message.type === 'stop') void stop().finally(() => process.exit(0));
});
process.on('disconnect', () => void stop().finally(() => process.exit(0)));
process.send!({ type: 'ready', database: database.kind });
