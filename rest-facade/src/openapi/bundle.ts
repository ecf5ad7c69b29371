import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

/** schema/ at the repository root. */
export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schema');
export const OPENAPI_FILE = path.join(SCHEMA_DIR, 'openapi.yaml');
const SOURCES = path.join(SCHEMA_DIR, 'openapi');

type Operation = { security?: unknown[]; responses: Record<string, unknown>; [key: string]: unknown };
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
  [key: string]: unknown;
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/**
 * The REST contract is written as one file per spec section (schema/openapi/sections) over a
 * shared base; this joins them into schema/openapi.yaml and adds the 401/403 answers every
 * secured operation can give.
 */
export function bundleOpenApi(): Doc {
  const doc = YAML.parse(readFileSync(path.join(SOURCES, 'base.yaml'), 'utf8')) as Doc;
  doc.paths = {};
  const files = readdirSync(path.join(SOURCES, 'sections'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    const section = YAML.parse(readFileSync(path.join(SOURCES, 'sections', file), 'utf8')) as Partial<Doc>;
    for (const [route, item] of Object.entries(section.paths ?? {})) {
      if (doc.paths[route]) throw new Error(`${file}: path ${route} is defined twice`);
      doc.paths[route] = item;
    }
    for (const [name, schema] of Object.entries(section.components?.schemas ?? {})) {
      if (doc.components.schemas[name]) throw new Error(`${file}: schema ${name} is defined twice`);
      doc.components.schemas[name] = schema;
    }
  }
  for (const item of Object.values(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const secured = !(Array.isArray(operation.security) && operation.security.length === 0);
      if (!secured) continue;
      operation.responses['401'] ??= { $ref: '#/components/responses/Unauthenticated' };
      operation.responses['403'] ??= { $ref: '#/components/responses/Forbidden' };
      operation.responses = sortResponses(operation.responses);
    }
  }
  boundIntegers(doc);
  return doc;
}

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

/**
 * Ids and counts are PostgreSQL integers: an integer without bounds gets the int32 range, so an
 * id like 99999999999 is a 422 on its field instead of a failure deeper down.
 */
function boundIntegers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(boundIntegers);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  const type = schema.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    schema.minimum ??= INT32.min;
    schema.maximum ??= INT32.max;
  }
  Object.values(schema).forEach(boundIntegers);
}

function sortResponses(responses: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

export function renderOpenApi(doc: Doc): string {
  return `# Generated from schema/openapi/ (base.yaml + sections/*.yaml) by \`npm run schema:write\`; edit those files.\n${YAML.stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

export function countOperations(doc: { paths: Record<string, Record<string, unknown>> }): number {
  return Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((m) => METHODS.has(m)).length, 0);
}
