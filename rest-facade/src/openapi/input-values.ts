import type { OpenAPIRouter, Operation, ParsedRequest, Request } from 'openapi-backend';
import { toRfc3339 } from './date-time-input.js';
import { pythonFloat, pythonInt } from './python-numbers.js';
import { toCanonicalUuid } from './uuid-input.js';

/** The strings pydantic v1 reads as a boolean (compared lower-cased), as ajv's coercion takes them. */
const PYDANTIC_BOOLEANS: Record<string, 'true' | 'false'> = {
  '1': 'true',
  on: 'true',
  t: 'true',
  true: 'true',
  y: 'true',
  yes: 'true',
  '0': 'false',
  off: 'false',
  f: 'false',
  false: 'false',
  n: 'false',
  no: 'false',
};

/** A boolean in pydantic's words in any case (`True` from Python's requests, `yes`, `off`…) as `true`/`false`. */
function pydanticBoolean(value: string): string {
  return PYDANTIC_BOOLEANS[value.toLowerCase()] ?? value;
}

/** Text FastAPI reads in more than one spelling, by JSON schema format: given on in one form. */
const BY_FORMAT: Readonly<Record<string, (value: string) => string>> = {
  'date-time': toRfc3339,
  uuid: toCanonicalUuid,
};

/** Path and query text by JSON schema type, as pydantic reads it. */
const BY_TYPE: Readonly<Record<string, (value: string) => string>> = {
  boolean: pydanticBoolean,
  integer: pythonInt,
  number: pythonFloat,
};

interface InputReader {
  readonly in: 'path' | 'query' | 'body';
  readonly name: string;
  readonly read: (value: string) => string;
}

interface InputSchema {
  readonly type?: unknown;
  readonly format?: unknown;
  readonly items?: InputSchema;
}

/** How text of this format is read, if FastAPI reads it in more than one spelling. */
function formatReader(schema: InputSchema | undefined): ((value: string) => string) | undefined {
  return typeof schema?.format === 'string' ? BY_FORMAT[schema.format] : undefined;
}

/** How the text of a parameter (or of each of its items) is read, if FastAPI reads it otherwise than as written. */
function parameterReader(schema: InputSchema | undefined): ((value: string) => string) | undefined {
  const item = schema?.type === 'array' ? schema.items : schema;
  return formatReader(item) ?? (typeof item?.type === 'string' ? BY_TYPE[item.type] : undefined);
}

/**
 * The inputs of an operation FastAPI reads in more than one spelling: path and query parameters
 * (date-times, UUIDs, booleans, integers, floats, or lists of them) and the date-times and UUIDs
 * among the top-level properties of its JSON body (other body values are JSON already).
 */
function readersOf(operation: Operation): InputReader[] {
  const readers: InputReader[] = [];
  for (const parameter of operation.parameters ?? []) {
    if ('$ref' in parameter || (parameter.in !== 'path' && parameter.in !== 'query')) continue;
    const read = parameterReader(parameter.schema as InputSchema | undefined);
    if (read) readers.push({ in: parameter.in, name: parameter.name, read });
  }
  const body = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.[
    'application/json'
  ]?.schema as { properties?: Record<string, InputSchema> } | undefined;
  for (const [name, schema] of Object.entries(body?.properties ?? {})) {
    const read = formatReader(schema);
    if (read) readers.push({ in: 'body', name, read });
  }
  return readers;
}

/**
 * Inputs reach validation and the handlers as FastAPI reads them: date-times as RFC 3339 and UUIDs
 * in canonical form (date-time-input.ts, uuid-input.ts), booleans in pydantic's words as
 * `true`/`false`, numbers as Python's `int()`/`float()` read them (python-numbers.ts); ajv then
 * coerces and checks them, what it refuses left as written. Wraps the router's `parseRequest`,
 * where openapi-backend takes the parameters and the body of the routed operation.
 */
export function readInputsAsFastApi(router: OpenAPIRouter): void {
  const readers = new Map(router.getOperations().map((operation) => [operation, readersOf(operation)]));
  const parse = router.parseRequest.bind(router);
  router.parseRequest = (request: Request, operation?: Operation): ParsedRequest => {
    const parsed = parse(request, operation);
    const inputs = { path: parsed.params, query: parsed.query, body: parsed.requestBody } as Record<
      InputReader['in'],
      unknown
    >;
    for (const reader of (operation && readers.get(operation)) ?? []) {
      const values = inputs[reader.in];
      if (typeof values !== 'object' || values === null || Array.isArray(values)) continue;
      const value = (values as Record<string, unknown>)[reader.name];
      const set = (read: unknown) => ((values as Record<string, unknown>)[reader.name] = read);
      if (typeof value === 'string') set(reader.read(value));
      else if (Array.isArray(value)) set(value.map((v) => (typeof v === 'string' ? reader.read(v) : v)));
    }
    return parsed;
  };
}
