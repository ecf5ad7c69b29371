import cluster, { type Worker } from 'node:cluster';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Env, Logger } from '@argus/core';
import type { RelayMessage, RelayPort, ViewerChangeRelay } from '@argus/router';
import type { Edge, SubgraphUrls } from './stack.js';

/** What the primary sends a worker once it is forked: its environment on top of the inherited one. */
export interface EdgeWorkerConfig {
  readonly argus: 'edge-config';
  readonly env: Record<string, string>;
  /** the PostgreSQL server identity writes to (the router LISTENs there); else its notices are relayed */
  readonly databaseUrl?: string;
}

/** What a worker answers: its part started, or why it could not start. */
export type EdgeWorkerReport =
  | { readonly argus: 'edge-ready'; readonly restUrl: string; readonly routerUrl: string }
  | { readonly argus: 'edge-failed'; readonly message: string };

export interface EdgeWorkersOptions {
  /** how many worker processes */
  readonly count: number;
  /** the environment every worker reads its configuration from (ports, keys, limits) */
  readonly env: Env;
  readonly subgraphs: SubgraphUrls;
  readonly keys: { readonly tokenSigningKey: string; readonly internalKey: string };
  /** identity's notices of the embedded database, relayed to every worker's router */
  readonly relay?: ViewerChangeRelay;
  /** the PostgreSQL server identity writes to (every worker's router LISTENs there itself) */
  readonly databaseUrl?: string;
  readonly logger: Logger;
}

export interface EdgeWorkers extends Edge {
  /** the workers' process ids */
  pids(): number[];
  /** stops every worker (SIGKILL after STOP_TIMEOUT_MS) and restarts none */
  stop(): Promise<void>;
}

const WORKER_FILE = fileURLToPath(new URL('./edge-worker.ts', import.meta.url));
/** A worker that does not stop within this long is killed. */
const STOP_TIMEOUT_MS = 5_000;
/** A worker that does not report within this long at start counts as failed. */
const START_TIMEOUT_MS = 120_000;
/** Spaced restarts of workers that keep dying: 100 ms, doubled per restart within a minute, at most 10 s. */
const RESTART_BASE_MS = 100;
const RESTART_MAX_MS = 10_000;
const RESTART_WINDOW_MS = 60_000;

/** A port free right now on `host`. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function relayPortOf(worker: Worker): RelayPort {
  return {
    send: (message: RelayMessage) => {
      if (worker.isConnected()) worker.send(message);
    },
    listen: (listener) => {
      worker.on('message', listener);
      return () => worker.off('message', listener);
    },
  };
}

/**
 * The router and the REST facade in `count` worker processes (node:cluster) sharing the router's
 * and the facade's ports, beside this process's subgraphs and database (ports given as 0 are
 * picked here first, so every worker, restarted ones too, listens on the same). Each worker's
 * router follows identity's notices: relayed over its IPC channel from the embedded database, or
 * by LISTEN on the server. A worker that exits unless asked to is restarted, spaced out when it
 * keeps dying.
 */
export async function startEdgeWorkers(options: EdgeWorkersOptions): Promise<EdgeWorkers> {
  const { logger } = options;
  const workers = new Map<Worker, () => void>();
  let stopping = false;
  const restarts: number[] = [];
  const env: Record<string, string> = {
    REST_PORT: options.env.REST_PORT ?? '',
    ROUTER_PORT: options.env.ROUTER_PORT ?? '',
    IDENTITY_URL: options.subgraphs.identity,
    TOPOLOGY_URL: options.subgraphs.topology,
    WATCHLISTS_URL: options.subgraphs.watchlists,
    MEDIA_URL: options.subgraphs.media,
    ARGUS_TOKEN_SIGNING_KEY: options.keys.tokenSigningKey,
    ARGUS_INTERNAL_KEY: options.keys.internalKey,
  };
  for (const name of ['REST_PORT', 'ROUTER_PORT']) if (env[name] === '') delete env[name];

  // the workers run the same loader as this process (tsx): cluster passes process.execArgv on
  cluster.setupPrimary({ exec: WORKER_FILE });

  function fork(): Promise<Edge> {
    const worker = cluster.fork(options.env);
    workers.set(worker, options.relay?.attach(relayPortOf(worker)) ?? (() => undefined));
    const started = new Promise<Edge>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a worker did not start in time')), START_TIMEOUT_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`a worker exited (${code}) while starting`));
      };
      worker.once('exit', onExit);
      worker.on('message', function onReport(message: EdgeWorkerReport) {
        if (message?.argus !== 'edge-ready' && message?.argus !== 'edge-failed') return;
        clearTimeout(timer);
        worker.off('exit', onExit);
        worker.off('message', onReport);
        if (message.argus === 'edge-ready') resolve({ restUrl: message.restUrl, routerUrl: message.routerUrl });
        else reject(new Error(message.message));
      });
    });
    // a worker asks once it listens: a message sent before its modules are loaded would be lost
    worker.on('message', (message: { argus?: string }) => {
      if (message?.argus !== 'edge-hello') return;
      const config: EdgeWorkerConfig = { argus: 'edge-config', env, databaseUrl: options.databaseUrl };
      worker.send(config);
    });
    worker.once('exit', (code, signal) => {
      workers.get(worker)?.();
      workers.delete(worker);
      if (stopping) return;
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      const delay = Math.min(RESTART_BASE_MS * 2 ** (restarts.length - 1), RESTART_MAX_MS);
      logger.error({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'worker exited; restarting it');
      setTimeout(() => {
        if (stopping) return;
        fork().then(
          () => logger.info({ replaced: worker.process.pid }, 'worker restarted'),
          (error: unknown) => logger.error({ err: error }, 'restarted worker failed to start'),
        );
      }, delay).unref();
    });
    return started.then((edge) => {
      logger.info({ pid: worker.process.pid, ...edge }, 'worker serving');
      return edge;
    });
  }

  async function stop(): Promise<void> {
    stopping = true;
    await Promise.all(
      [...workers.keys()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (worker.isConnected()) worker.send({ argus: 'edge-stop' });
            else worker.process.kill('SIGTERM');
          }),
      ),
    );
  }

  try {
    // every worker (restarted ones too) listens with the same arguments, so the cluster hands them one socket
    for (const name of ['REST_PORT', 'ROUTER_PORT'] as const)
      if (env[name] === '0') env[name] = String(await freePort(options.env.ARGUS_HOST ?? '127.0.0.1'));
    const [first] = await Promise.all(Array.from({ length: options.count }, () => fork()));
    return { ...first!, pids: () => [...workers.keys()].map((w) => w.process.pid!), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
