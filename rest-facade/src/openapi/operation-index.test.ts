import { readFileSync } from 'node:fs';
import { OpenAPIRouter, type Document } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { restFacadeConfig } from '../config.js';
import { indexOperations } from './operation-index.js';

const document = YAML.parse(readFileSync(restFacadeConfig({}).openapiFile, 'utf8')) as Document;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** What a router answers for a request: the operationId, or the error it throws. */
function outcome(router: OpenAPIRouter, method: string, path: string, strict: boolean): string {
  try {
    return router.matchOperation({ method, path, headers: {} }, strict)?.operationId ?? 'undefined';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('indexOperations (prebuilt routing for openapi-backend)', () => {
  const upstream = new OpenAPIRouter({ definition: document });
  const indexed = new OpenAPIRouter({ definition: document });
  indexOperations(indexed);

  // every path of the contract with its parameters filled in, a trailing slash, a query string, and paths it lacks
  const paths = Object.keys(document.paths ?? {})
    .flatMap((template) => {
      const filled = template.replace(/\{[^}]+\}/g, '42');
      return [filled, `${filled}/?limit=10`, template.replace(/\{[^}]+\}/g, 'me')];
    })
    .concat(['/', '/nothing-here', '/api/v1/users/1/2/3', 'api/v1/users/me', '/api/v1/cameras/', '/api/v1']);

  it('matches every request of every method as upstream does, in strict and lenient mode', () => {
    const differences: string[] = [];
    for (const path of paths) {
      for (const method of METHODS) {
        // lenient matching (undefined instead of a 404/405 error) on a sample: upstream is slow
        for (const strict of path.endsWith('42') ? [true, false] : [true]) {
          const expected = outcome(upstream, method, path, strict);
          const actual = outcome(indexed, method, path, strict);
          if (expected !== actual) differences.push(`${method} ${path} strict=${strict}: ${expected} ≠ ${actual}`);
        }
      }
    }
    expect(differences).toEqual([]);
    // the comparison covered the three outcomes
    expect(outcome(indexed, 'get', '/api/v1/users/me', true)).toBe('getCurrentUser');
    expect(outcome(indexed, 'get', '/api/v1/nothing-here', true)).toMatch(/^404/);
    expect(outcome(indexed, 'patch', '/api/v1/users', true)).toMatch(/^405/);
  }, 120_000);

  it('keeps the operation list and the lookup by operationId', () => {
    const routes = (router: OpenAPIRouter) => router.getOperations().map((op) => `${op.method} ${op.path}`);
    expect(routes(indexed)).toEqual(routes(upstream));
    expect(indexed.getOperation('listCameras')).toEqual(upstream.getOperation('listCameras'));
    expect(indexed.getOperation('noSuchOperation')).toBeUndefined();
  });
});
