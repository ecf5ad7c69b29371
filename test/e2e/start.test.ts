import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { call, signIn, startMain, type StartedMain } from './start-main.js';

/**
 * `npm start` with WORKERS unset runs the router and the REST facade in one worker process per
 * core, and LOG_LEVEL takes pino's levels, `fatal` and `silent` included, in the main process and
 * in the workers alike.
 */
const PASSWORD = 'start-admin-password';

let main: StartedMain | undefined;

afterEach(async () => {
  await main?.dispose();
  main = undefined;
});

/** Signs the superuser in and reads who they are over REST and over GraphQL. */
async function expectServing(started: StartedMain): Promise<void> {
  const token = await signIn(started.restUrl, 'admin@argus.local', PASSWORD);
  const me = await call(`${started.restUrl}/api/v1/users/me`, 'GET', { authorization: `Bearer ${token}` });
  expect(me.status).toBe(200);
  expect(me.body.email).toBe('admin@argus.local');
  const viewer = await call(
    started.routerUrl,
    'POST',
    { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    JSON.stringify({ query: '{ viewer { email } }' }),
  );
  expect(viewer.body).toEqual({ data: { viewer: { email: 'admin@argus.local' } } });
}

/** Lines of pino JSON (every part logs them; the banner is plain text). */
const logLines = (output: string) => output.split('\n').filter((line) => line.startsWith('{"level":'));

describe('npm start', () => {
  it('runs the router and the facade in one worker process per core by default, at LOG_LEVEL=fatal', async () => {
    main = await startMain({ WORKERS: undefined, LOG_LEVEL: 'fatal', ADMIN_PASSWORD: PASSWORD });
    const cores = Math.max(1, availableParallelism());
    const banner = /Argus is running(?: \(router and REST facade in (\d+) worker processes\))?\./.exec(main.output());
    expect(banner, main.output().slice(-2000)).not.toBeNull();
    expect(Number(banner![1] ?? 1)).toBe(cores);
    // each new connection may reach another worker
    for (let i = 0; i < 2 * cores; i += 1) await expectServing(main);
    expect(await main.stop()).toBe(0);
    expect(logLines(main.output())).toEqual([]);
  }, 300_000);

  it('starts and serves in one process at LOG_LEVEL=silent', async () => {
    main = await startMain({ WORKERS: '1', LOG_LEVEL: 'silent', ADMIN_PASSWORD: PASSWORD });
    expect(main.output()).toContain('Argus is running.');
    await expectServing(main);
    expect(await main.stop()).toBe(0);
    expect(logLines(main.output())).toEqual([]);
  }, 300_000);
});
