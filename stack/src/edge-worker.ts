import { runMain } from '@argus/core';
import type { RelayMessage, RelayPort } from '@argus/router';
import type { EdgeWorkerConfig, EdgeWorkerReport } from './edge-workers.js';
import { buildEdge } from './stack.js';

/**
 * A worker process of `npm start` (edge-workers.ts forks it): the router and the REST facade on
 * the ports it shares with the other workers, over the subgraphs of the primary process. It asks
 * for its configuration on the IPC channel once it listens, reports its URLs, and stops when the
 * primary asks, on SIGINT/SIGTERM, or when the primary is gone.
 */
const relay: RelayPort = {
  send: (message: RelayMessage) => {
    if (process.connected) process.send!(message);
  },
  listen: (listener) => {
    process.on('message', listener);
    return () => process.off('message', listener);
  },
};

function report(message: EdgeWorkerReport): void {
  if (process.connected) process.send!(message);
}

const config = await new Promise<EdgeWorkerConfig>((resolve) => {
  process.on('message', function onConfig(message: EdgeWorkerConfig) {
    if (message?.argus !== 'edge-config') return;
    process.off('message', onConfig);
    resolve(message);
  });
  process.send!({ argus: 'edge-hello' });
});

await runMain('edge-worker', async () => {
  const env = { ...process.env, ...config.env };
  const subgraphs = {
    identity: config.env.IDENTITY_URL!,
    topology: config.env.TOPOLOGY_URL!,
    watchlists: config.env.WATCHLISTS_URL!,
    media: config.env.MEDIA_URL!,
  };
  const edge = buildEdge(env, subgraphs, config.databaseUrl ? { databaseUrl: config.databaseUrl } : { relay });
  try {
    report({ argus: 'edge-ready', ...(await edge.start()) });
  } catch (error) {
    report({ argus: 'edge-failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  const stopAndExit = () => {
    stopping ??= edge.stop().finally(() => process.exit(0));
  };
  process.on('message', (message: { argus?: string }) => {
    if (message?.argus === 'edge-stop') stopAndExit();
  });
  process.on('disconnect', stopAndExit);
  return edge;
});
