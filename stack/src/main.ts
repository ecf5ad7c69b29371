import { availableParallelism } from 'node:os';
import { commonConfig, createLogger, int, pgliteOf, runMain, type Env } from '@argus/core';
import { relayViewerChanges } from '@argus/router';
import { restFacadeConfig } from '@argus/rest-facade';
import { startEdgeWorkers } from './edge-workers.js';
import { startStack, startSubgraphs, type Stack } from './stack.js';

/**
 * `npm start`: every part on one database (the embedded one unless DATABASE_URL is set). With
 * WORKERS=N (default: one per core) the subgraphs, the media engine and the database stay in this
 * process and the router and the REST facade run in N worker processes sharing their ports; with
 * WORKERS=1 every part runs in this process. runMain keeps the process serving when one request's
 * error goes unhandled.
 */
function workerCount(env: Env): number {
  return int(env, 'WORKERS', Math.max(1, availableParallelism()), 1, 256);
}

async function startWithWorkers(env: Env, count: number): Promise<Stack & { pids: number[] }> {
  const common = commonConfig(env);
  const core = await startSubgraphs(env);
  try {
    const pglite = pgliteOf(core.database);
    const relay = pglite ? await relayViewerChanges(pglite) : undefined;
    if (relay) await core.startPart({ start: async () => relay, stop: () => relay.stop() });
    const workers = await startEdgeWorkers({
      count,
      env,
      subgraphs: core.subgraphs,
      keys: common,
      relay,
      databaseUrl: common.database.url,
      logger: createLogger('argus', common.logLevel),
    });
    const stop = async () => {
      await workers.stop();
      await core.stop();
    };
    return { ...workers, subgraphs: core.subgraphs, createdAdmin: core.createdAdmin, pids: workers.pids(), stop };
  } catch (error) {
    await core.stop();
    throw error;
  }
}

await runMain('argus', async () => {
  const env = process.env;
  const count = workerCount(env);
  const stack = count > 1 ? await startWithWorkers(env, count) : await startStack(env);
  const admin = stack.createdAdmin;
  const lines = [
    '',
    `Argus is running${'pids' in stack ? ` (router and REST facade in ${count} worker processes)` : ''}.`,
    `  REST API   ${stack.restUrl}/api/v1`,
    ...(restFacadeConfig(env).apiDocs ? [`  API docs   ${stack.restUrl}/docs`] : []),
    `  GraphQL    ${stack.routerUrl}   (GraphiQL in a browser)`,
  ];
  if (admin) {
    lines.push(
      `  First superuser: ${admin.email}${admin.generated ? ` / ${admin.password}   (generated; shown only this once)` : ' (password from ADMIN_PASSWORD)'}`,
    );
  }
  lines.push(`  Sign in:  curl -s -X POST ${stack.restUrl}/api/v1/token -d 'username=<email>&password=<password>'`, '');
  console.log(lines.join('\n'));
  return stack;
});
