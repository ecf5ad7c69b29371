import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openTestDatabase } from '../support/database.js';
import { until } from '../support/waiting.js';

/** `npm start`'s main (stack/src/main.ts) in a child process, as the start tests run it. */
export interface StartedMain {
  readonly child: ChildProcess;
  readonly restUrl: string;
  readonly routerUrl: string;
  /** everything it printed so far, stdout and stderr */
  output(): string;
  /** SIGTERM; its exit code */
  stop(): Promise<number | null>;
  /** kills it unless it exited, drops its database and removes its data directory */
  dispose(): Promise<void>;
}

/**
 * Starts the main on free ports with its own data directory and keys, no media engine and no face
 * analysis, `env` on top (WORKERS, LOG_LEVEL, ADMIN_PASSWORD, …), on a fresh database of its own
 * when DATABASE_URL names a server; resolves once it printed its banner.
 */
export async function startMain(env: Record<string, string | undefined>): Promise<StartedMain> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-start-'));
  const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ARGUS_DATA_DIR: dataDir,
    REST_PORT: '0',
    ROUTER_PORT: '0',
    MEDIA_ENGINE: 'false',
    FACE_ANALYSIS: 'false',
    ARGUS_TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
    ARGUS_INTERNAL_KEY: randomBytes(32).toString('hex'),
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'stack/src/main.ts'], { env: childEnv, stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await until(() => output.includes('Argus is running') || child.exitCode !== null, 280_000, 'the start');
    const restUrl = /REST API {3}(\S+)\/api\/v1/.exec(output)?.[1];
    const routerUrl = /GraphQL {4}(\S+)/.exec(output)?.[1];
    if (!restUrl || !routerUrl) throw new Error(`no start banner:\n${output.slice(-2000)}`);
    return {
      child,
      restUrl,
      routerUrl,
      output: () => output,
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface Answer {
  readonly status: number;
  readonly body: any;
}

/** One HTTP request on a new connection (no keep-alive), so a cluster may hand each to another worker. */
export function call(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
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

/** POST /api/v1/token with the password grant: the access token. */
export async function signIn(restUrl: string, email: string, password: string): Promise<string> {
  const form = new URLSearchParams({ username: email, password }).toString();
  const answer = await call(
    `${restUrl}/api/v1/token`,
    'POST',
    { 'content-type': 'application/x-www-form-urlencoded' },
    form,
  );
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}
