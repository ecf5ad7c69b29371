import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/database.js';
import { until } from '../support/waiting.js';

/**
 * `npm start` with WORKERS=2: the subgraphs and the database in the main process, the router and
 * the REST facade in two worker processes sharing their ports. Every request below opens a
 * connection of its own, so the cluster spreads them over both workers.
 */
const PASSWORD = 'workers-admin-password';

let main: ChildProcess;
let output = '';
let dataDir: string;
let restUrl: string;
let routerUrl: string;
let closeDatabase: (() => Promise<void>) | undefined;

interface Answer {
  readonly status: number;
  readonly body: any;
}

/** One HTTP request on a new connection (no keep-alive). */
function call(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const rest = (method: string, apiPath: string, token?: string, json?: unknown, form?: Record<string, string>) =>
  call(
    `${restUrl}/api/v1${apiPath}`,
    method,
    {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    json !== undefined ? JSON.stringify(json) : form ? new URLSearchParams(form).toString() : undefined,
  );
const viewer = (token: string) =>
  call(
    routerUrl,
    'POST',
    { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    JSON.stringify({ query: '{ viewer { email } }' }),
  );
const signIn = async (email: string, password: string): Promise<string> =>
  (await rest('POST', '/token', undefined, undefined, { username: email, password })).body.access_token as string;

/** The worker processes serving now, by the main process's log lines. */
function workerPids(): number[] {
  const serving = [...output.matchAll(/"pid":(\d+),"restUrl".*"msg":"worker serving"/g)].map((m) => Number(m[1]));
  const replaced = new Set([...output.matchAll(/"replaced":(\d+)/g)].map((m) => Number(m[1])));
  return serving.filter((pid) => !replaced.has(pid));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'argus-workers-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    WORKERS: '2',
    ARGUS_DATA_DIR: dataDir,
    REST_PORT: '0',
    ROUTER_PORT: '0',
    ADMIN_PASSWORD: PASSWORD,
    MEDIA_ENGINE: 'false',
    FACE_ANALYSIS: 'false',
    LOG_LEVEL: 'info',
    ARGUS_TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
    ARGUS_INTERNAL_KEY: randomBytes(32).toString('hex'),
  };
  if (process.env.DATABASE_URL) {
    // a fresh database of its own on the server, dropped afterwards
    const database = await openTestDatabase();
    env.DATABASE_URL = database.url!;
    closeDatabase = () => database.close();
  }
  main = spawn(process.execPath, ['--import', 'tsx', 'rest-facade/src/all-in-one.ts'], { env, stdio: 'pipe' });
  main.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  main.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(() => output.includes('Argus is running') || main.exitCode !== null, 280_000, 'the start');
  expect(output, output.slice(-2000)).toContain('in 2 worker processes');
  restUrl = /REST API {3}(\S+)\/api\/v1/.exec(output)![1]!;
  routerUrl = /GraphQL {4}(\S+)/.exec(output)![1]!;
  // the main process's log lines are written asynchronously: its banner may come before them
  await until(() => workerPids().length === 2 || output.includes('worker exited'), 30_000, 'both workers logged');
  expect(output, output.slice(-4000)).not.toContain('worker exited');
}, 300_000);

afterAll(async () => {
  if (main && main.exitCode === null) {
    main.kill('SIGKILL');
    for (const pid of workerPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await closeDatabase?.();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start with the router and the facade in worker processes', () => {
  const users: { email: string; token: string }[] = [];

  it('answers every caller with their own data through either worker', async () => {
    expect(workerPids()).toHaveLength(2);
    const admin = await signIn('admin@argus.local', PASSWORD);
    const roles = await rest('GET', '/roles', admin);
    const roleId = roles.body.roles.find((r: { name: string }) => r.name === 'viewer').id as number;
    const organization = await rest('POST', '/organizations', admin, { name: 'Workers', description: 'e2e' });
    for (const n of [1, 2, 3]) {
      const email = `worker-user-${n}@example.com`;
      const created = await rest('POST', `/users?organization_id=${organization.body.id}`, admin, {
        first_name: 'Worker',
        last_name: `User ${n}`,
        email,
        password: `worker-user-${n}-password`,
        group_ids: [],
        role_id: roleId,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      users.push({ email, token: await signIn(email, `worker-user-${n}-password`) });
    }
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => users[i % 3]!).map(async (user) => ({
        user,
        me: await rest('GET', '/users/me', user.token),
        graphql: await viewer(user.token),
      })),
    );
    for (const { user, me, graphql } of answers) {
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(user.email);
      expect(graphql.body.data.viewer.email).toBe(user.email);
    }
  }, 180_000);

  it(
    'refuses a revoked token through both workers on the very next requests, every time',
    { timeout: 180_000 },
    async () => {
      const user = users[0]!;
      for (let round = 0; round < 5; round += 1) {
        const token = await signIn(user.email, 'worker-user-1-password');
        // both workers have answered (and cached) the token
        for (let i = 0; i < 6; i += 1) expect((await viewer(token)).status).toBe(200);
        expect((await rest('POST', '/token/revoke', undefined, undefined, { token })).status).toBe(204);
        const after = await Promise.all([viewer(token), viewer(token), rest('GET', '/users/me', token), viewer(token)]);
        expect(
          after.map((a) => a.status),
          `round ${round}`,
        ).toEqual([401, 401, 401, 401]);
      }
    },
  );

  it('restarts a worker that dies, and keeps serving meanwhile', async () => {
    const [victim, survivor] = workerPids();
    process.kill(victim!, 'SIGKILL');
    await until(() => output.includes('worker exited; restarting it'), 10_000, 'the main process to see the exit');
    const user = users[1]!;
    // the surviving worker keeps answering while the other one comes back
    for (let i = 0; i < 5; i += 1) expect((await rest('GET', '/users/me', user.token)).body.email).toBe(user.email);
    await until(() => workerPids().length === 2 && !workerPids().includes(victim!), 120_000, 'a restarted worker');
    expect(workerPids()).toContain(survivor);
    for (let i = 0; i < 6; i += 1) expect((await viewer(user.token)).body.data.viewer.email).toBe(user.email);
  }, 150_000);

  it('stops every worker on SIGTERM', async () => {
    const pids = workerPids();
    const exited = new Promise<number | null>((resolve) => main.once('exit', (code) => resolve(code)));
    main.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until(() => pids.every((pid) => !alive(pid)), 10_000, 'the workers to exit');
  }, 30_000);
});
