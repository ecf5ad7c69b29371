import { readFileSync } from 'node:fs';
import { sample } from 'openapi-sampler';
import YAML from 'yaml';

/** schema/openapi.yaml, read when the suite runs. */
export const DOCUMENT = YAML.parse(
  readFileSync(new URL('../../../schema/openapi.yaml', import.meta.url), 'utf8'),
) as any;

export type BodyKind = 'json' | 'form' | 'multipart';

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: any;
}

/** One operation of the contract. */
export interface Operation {
  readonly method: string;
  /** path under /api/v1, e.g. `/cameras/{camera_id}` */
  readonly template: string;
  readonly operationId: string;
  /** the spec section, e.g. "2.4" */
  readonly ref: string;
  readonly secured: boolean;
  readonly parameters: readonly Parameter[];
  readonly bodyKind?: BodyKind;
  readonly bodySchema?: any;
  readonly bodyRequired: boolean;
  readonly responses: Record<string, any>;
}

const SECTIONS: Record<string, BodyKind> = {
  'application/json': 'json',
  'application/x-www-form-urlencoded': 'form',
  'multipart/form-data': 'multipart',
};

export const OPERATIONS: readonly Operation[] = Object.entries(
  DOCUMENT.paths as Record<string, Record<string, any>>,
).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => method !== 'parameters')
    .map(([method, op]): Operation => {
      const content = Object.entries((op.requestBody?.content ?? {}) as Record<string, { schema: unknown }>)[0];
      return {
        method: method.toUpperCase(),
        template: path.replace(/^\/api\/v1/, ''),
        operationId: op.operationId,
        ref: String(op['x-spec-ref']),
        secured: (op.security ?? DOCUMENT.security ?? []).length > 0,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => deref(p)),
        bodyKind: content ? SECTIONS[content[0]] : undefined,
        bodySchema: content ? deref(content[1].schema) : undefined,
        bodyRequired: op.requestBody?.required === true,
        responses: op.responses ?? {},
      };
    }),
);

/** 503 without face analysis (FACE_ANALYSIS=false, as the test stacks run): the README's configuration table. */
const FACE_ANALYSIS_OFF = new Set(['getUploadMeta']);

/**
 * Whether the operation may answer 503: it declares it, or it needs face analysis, which the test
 * stacks leave off (25.4, and 25.1 for a face image: `query` is the request's).
 */
export function mayBeUnavailable(operation: Operation, query: Record<string, unknown> = {}): boolean {
  const faceImage = operation.operationId === 'createUpload' && query.kind === 'face_image';
  return declares(operation, 503) || FACE_ANALYSIS_OFF.has(operation.operationId) || faceImage;
}

/** Whether the operation declares this status. */
export function declares(operation: Operation, status: number): boolean {
  return String(status) in operation.responses;
}

/** Follows a local `$ref` of the document (one level at a time, recursively for nested refs). */
export function deref<T = any>(value: T): T {
  let current: any = value;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    current = current.$ref
      .split('/')
      .slice(1)
      .reduce((node: any, key: string) => node?.[key], DOCUMENT);
  }
  return current as T;
}

/** A sample value of the schema with its required properties only (openapi-sampler). */
export function sampleOf(schema: unknown): any {
  return sample(schema as any, { skipNonRequired: true, skipReadOnly: true, quiet: true }, DOCUMENT);
}

/** The operations that take a cursor query parameter. */
export const CURSOR_OPERATIONS = OPERATIONS.filter((o) =>
  o.parameters.some((p) => p.in === 'query' && p.name === 'cursor'),
);

/** `/api/v1` path of a template with its parameters filled in. */
export function fillPath(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    // a lone surrogate cannot be percent-encoded: it becomes U+FFFD as a browser would send it
    return encodeURIComponent(String(value).replace(/[\ud800-\udfff]/gu, '\ufffd'));
  });
}
