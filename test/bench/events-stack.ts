import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '@argus/core';
import { startStack, type Stack } from '@argus/stack';
import { call, signIn } from './rest.js';

/**
 * What the live-event benchmarks (events-fanout.ts, events-latency.ts) start from: the whole stack
 * in this process on a fresh database of the PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), and one organization with an administrator signed in.
 */
export const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN = { email: 'admin@argus.local', password: 'bench-admin-password' };

export interface EventsBench {
  readonly stack: Stack;
  /** the fresh database (dropped by stop) */
  readonly databaseUrl: string;
  /** the stack's data directory (removed by stop), free for the benchmark's own files too */
  readonly dataDir: string;
  readonly organizationId: number;
  /** the organization's administrator's access token */
  readonly userToken: string;
  stop(): Promise<void>;
}

/**
 * Starts the stack with `env` on top of the benchmark's keys, free ports and a feed chosen by
 * NATS_URL; `tag` names the keys, the organization and its administrator.
 */
export async function startEventsBench(tag: string, env: Record<string, string>): Promise<EventsBench> {
  const name = `argus_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = await mkdtemp(path.join(tmpdir(), `argus-bench-${tag}-`));
  const database = await openDatabase({ url: databaseUrl, dataDir: '', poolSize: 20 });
  const stack = await startStack(
    {
      ARGUS_INTERNAL_KEY: `bench-${tag}-internal-key-0123456789abcdef`,
      ARGUS_TOKEN_SIGNING_KEY: `bench-${tag}-signing-key-0123456789abcdef`,
      ARGUS_DATA_DIR: dataDir,
      REST_PORT: '0',
      ROUTER_PORT: '0',
      ADMIN_PASSWORD: ADMIN.password,
      GRAPHIQL: 'false',
      ...(process.env.NATS_URL ? { NATS_URL: process.env.NATS_URL } : {}),
      ...env,
    },
    { ...database, url: databaseUrl } as typeof database & { url: string },
  );

  const token = await signIn(stack.restUrl, ADMIN.email, ADMIN.password);
  const organization = await call(stack.restUrl, 'POST', '/organizations', token, { name: 'Bench', description: tag });
  const roles = (await call(stack.restUrl, 'GET', '/roles', token)).roles as { id: number; name: string }[];
  const email = `${tag}@bench.example.com`;
  const password = `bench-${tag}-password`;
  await call(stack.restUrl, 'POST', `/users?organization_id=${organization.id}`, token, {
    first_name: 'Bench',
    last_name: tag,
    email,
    password,
    group_ids: [],
    role_id: roles.find((r) => r.name === 'administrator')!.id,
  });
  const userToken = await signIn(stack.restUrl, email, password);

  return {
    stack,
    databaseUrl,
    dataDir,
    organizationId: organization.id as number,
    userToken,
    async stop() {
      await stack.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
      const drop = new pg.Client({ connectionString: SERVER });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
