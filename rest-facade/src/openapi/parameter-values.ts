import type { OpenAPIRouter, Operation, ParsedRequest, Request } from 'openapi-backend';
import { pythonFloat, pythonInt } from './python-numbers.js';

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

/** How a value of each JSON schema type reaches validation; other types as written. */
const READERS: Readonly<Record<string, (value: string) => string>> = {
  boolean: pydanticBoolean,
  integer: pythonInt,
  number: pythonFloat,
};

interface ParameterReader {
  readonly in: 'path' | 'query';
  readonly name: string;
  readonly read: (value: string) => string;
}

interface ParameterSchema {
  readonly type?: unknown;
  readonly items?: { readonly type?: unknown };
}

/** The parameters of an operation read as pydantic reads them: booleans, integers and floats, or items of lists of them. */
function readersOf(operation: Operation): ParameterReader[] {
  const readers: ParameterReader[] = [];
  for (const parameter of operation.parameters ?? []) {
    if ('$ref' in parameter || (parameter.in !== 'path' && parameter.in !== 'query')) continue;
    const schema = parameter.schema as ParameterSchema | undefined;
    const type = schema?.type === 'array' ? schema.items?.type : schema?.type;
    const read = typeof type === 'string' ? READERS[type] : undefined;
    if (read) readers.push({ in: parameter.in, name: parameter.name, read });
  }
  return readers;
}

/**
 * Path and query values reach validation as FastAPI's pydantic reads the text: a boolean in
 * pydantic's words, a number as Python's `int()`/`float()` read it (python-numbers.ts); ajv then
 * coerces and checks them. Wraps the router's `parseRequest`, where openapi-backend takes the
 * parameters of the routed operation.
 */
export function readParametersAsPydantic(router: OpenAPIRouter): void {
  const readers = new Map(router.getOperations().map((operation) => [operation, readersOf(operation)]));
  const parse = router.parseRequest.bind(router);
  router.parseRequest = (request: Request, operation?: Operation): ParsedRequest => {
    const parsed = parse(request, operation);
    for (const reader of (operation && readers.get(operation)) ?? []) {
      const values = (reader.in === 'path' ? parsed.params : parsed.query) as Record<string, unknown>;
      const value = values[reader.name];
      if (typeof value === 'string') values[reader.name] = reader.read(value);
      else if (Array.isArray(value))
        values[reader.name] = value.map((v) => (typeof v === 'string' ? reader.read(v) : v));
    }
    return parsed;
  };
}
