import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedContractTypes } from '../../rest-facade/src/codegen.js';
import { bundleOpenApi, countOperations, OPENAPI_FILE, renderOpenApi } from '../../rest-facade/src/openapi/bundle.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('schema/openapi.yaml', () => {
  const written = readFileSync(OPENAPI_FILE, 'utf8');
  const doc = YAML.parse(written) as { paths: Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>> };

  it('is what schema/openapi/ bundles to (run `npm run schema:write` after editing the sections)', () => {
    expect(written).toBe(renderOpenApi(bundleOpenApi()));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('holds the 153 operations of the contract (plus Argus extensions), each with its own operationId', () => {
    const operations = Object.values(doc.paths).flatMap((item) => METHODS.filter((m) => item[m]).map((m) => item[m] as Record<string, unknown>));
    const extensions = operations.filter((op) => op['x-extension'] === 'argus');
    expect(extensions.every((op) => op['x-spec-ref'] === undefined)).toBe(true);
    expect(operations.filter((op) => op['x-spec-ref'] !== undefined)).toHaveLength(153);
    expect(countOperations(doc)).toBe(153 + extensions.length);
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares validation errors on every operation that takes input', () => {
    const missing = Object.entries(doc.paths).flatMap(([route, item]) =>
      METHODS.filter((m) => item[m] && (route.includes('{') || m !== 'get') && !item[m]!.responses['422']).map((m) => `${m.toUpperCase()} ${route}`));
    expect(missing).toEqual([]);
  });

  it('rest-facade/src/openapi/generated/contract.ts is generated from it (run `npm run codegen`)', async () => {
    const { file, content } = await generatedContractTypes();
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});
