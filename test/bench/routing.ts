import { readFileSync } from 'node:fs';
import { OpenAPIRouter, type Document } from 'openapi-backend';
import YAML from 'yaml';
import { restFacadeConfig } from '../../rest-facade/src/config.js';
import { indexOperations } from '../../rest-facade/src/openapi/operation-index.js';

/**
 * The facade's routing alone, in this process: CPU per request of openapi-backend's own
 * matchOperation + getOperation against the contract's operations, and of the prebuilt index
 * the facade installs (operation-index.ts). A CPU-time measure, little disturbed by other load.
 */
const document = YAML.parse(readFileSync(restFacadeConfig({}).openapiFile, 'utf8')) as Document;
const upstream = new OpenAPIRouter({ definition: document });
const indexed = new OpenAPIRouter({ definition: document });
indexOperations(indexed);

/** CPU microseconds per request: a literal path, a templated one, and the lookup by operationId. */
function cpuMicrosPerRequest(router: OpenAPIRouter, requests: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i += 1) {
    const path = i % 2 === 0 ? '/api/v1/users/me' : `/api/v1/cameras/${i}`;
    const operation = router.matchOperation({ method: 'GET', path, headers: {} }, true);
    router.getOperation(operation.operationId!);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

cpuMicrosPerRequest(upstream, 200);
cpuMicrosPerRequest(indexed, 2000);
const slow = cpuMicrosPerRequest(upstream, 2000);
const fast = cpuMicrosPerRequest(indexed, 20000);
console.log(`\nREST facade routing over ${upstream.getOperations().length} operations, CPU µs per request:`);
console.log(`  openapi-backend matchOperation + getOperation  ${slow.toFixed(1)}`);
const less = `(${(slow / fast).toFixed(0)}× less)`;
console.log(`  prebuilt index (operation-index.ts)            ${fast.toFixed(1)}   ${less}`);
