import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { startStack } from '../../rest-facade/src/stack.js';
import { measure, type LoadResult, type LoadTarget } from './load.js';

/**
 * One read three ways on the same data, in one run: GET /api/v1/users/me through the REST facade,
 * the facade's own GraphQL document through the router, and the same document against the
 * identity subgraph directly. Prints requests/s, p50, p99 and the ratios between the layers.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const dataDir = mkdtempSync(path.join(tmpdir(), 'argus-bench-'));
const stack = await startStack({ ...process.env, ARGUS_DATA_DIR: dataDir, REST_PORT: '0', ROUTER_PORT: '0', ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'warn', DATABASE_URL: process.env.DATABASE_URL ?? '' });
try {
  const login = await fetch(`${stack.restUrl}/api/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'admin@argus.local', password: 'bench-password' }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const authorization = `Bearer ${token}`;
  const query = JSON.stringify({ query: loadOperationDocuments().get('getCurrentUser'), operationName: 'getCurrentUser' });
  const graphql = { 'content-type': 'application/json', authorization };

  const targets: LoadTarget[] = [
    { name: 'REST facade', url: `${stack.restUrl}/api/v1/users/me`, method: 'GET', headers: { authorization } },
    { name: 'router', url: stack.routerUrl, method: 'POST', headers: graphql, body: query },
    { name: 'identity subgraph', url: stack.subgraphs.identity, method: 'POST', headers: graphql, body: query },
  ];
  const results: LoadResult[] = [];
  for (const target of targets) {
    await measure(target, 2, CONNECTIONS); // warm-up
    results.push(await measure(target, SECONDS, CONNECTIONS));
  }
  print(results);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function print(results: LoadResult[]): void {
  const [facade, router, subgraph] = results as [LoadResult, LoadResult, LoadResult];
  console.log(`\nGET /api/v1/users/me and its GraphQL document, ${CONNECTIONS} connections, ${SECONDS} s each, ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite'}\n`);
  console.log('layer               req/s     p50 ms   p99 ms   errors');
  for (const r of results) {
    console.log(`${r.name.padEnd(18)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`);
  }
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`\nthroughput  facade/router ${ratio(facade.requestsPerSecond, router.requestsPerSecond)}   router/subgraph ${ratio(router.requestsPerSecond, subgraph.requestsPerSecond)}`);
  console.log(`p50 latency facade/router ${ratio(facade.p50, router.p50)}   router/subgraph ${ratio(router.p50, subgraph.p50)}`);
}
