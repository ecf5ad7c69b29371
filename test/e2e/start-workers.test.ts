import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/waiting.js';
import { call, signIn as signInAt, startMain, type StartedMain } from './start-main.js';

/**
 * `npm start` with WORKERS=2: the subgraphs and the database in the main process, the router and
 * the REST facade in two worker processes sharing their ports. Every request below opens a
 * connection of its own, so the cluster spreads them over both workers.
 */
const PASSWORD = 'workers-admin-password';

let main: StartedMain | undefined;
let restUrl: string;
let routerUrl: string;

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
const signIn = (email: string, password: string) => signInAt(restUrl, email, password);

/** The worker processes serving now, by the main process's log lines. */
function workerPids(): number[] {
  const output = main?.output() ?? '';
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
  main = await startMain({ WORKERS: '2', ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'info' });
  const output = main.output;
  expect(output(), output().slice(-2000)).toContain('in 2 worker processes');
  ({ restUrl, routerUrl } = main);
  // the main process's log lines are written asynchronously: its banner may come before them
  await until(() => workerPids().length === 2 || output().includes('worker exited'), 30_000, 'both workers logged');
  expect(output(), output().slice(-4000)).not.toContain('worker exited');
}, 300_000);

afterAll(async () => {
  const pids = workerPids();
  await main?.dispose();
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
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
    await until(
      () => main!.output().includes('worker exited; restarting it'),
      10_000,
      'the main process to see the exit',
    );
    const user = users[1]!;
    // the surviving worker keeps answering while the other one comes back
    for (let i = 0; i < 5; i += 1) expect((await rest('GET', '/users/me', user.token)).body.email).toBe(user.email);
    await until(() => workerPids().length === 2 && !workerPids().includes(victim!), 120_000, 'a restarted worker');
    expect(workerPids()).toContain(survivor);
    for (let i = 0; i < 6; i += 1) expect((await viewer(user.token)).body.data.viewer.email).toBe(user.email);
  }, 150_000);

  it('stops every worker on SIGTERM', async () => {
    const pids = workerPids();
    expect(await main!.stop()).toBe(0);
    await until(() => pids.every((pid) => !alive(pid)), 10_000, 'the workers to exit');
  }, 30_000);
});
