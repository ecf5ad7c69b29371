import fc from 'fast-check';
import { deref } from './contract.js';

/**
 * fast-check arbitraries of JSON Schema (the 3.1 subset schema/openapi.yaml uses): values the schema
 * accepts, and with `invalid` also values it refuses (wrong types, out of range, control characters).
 */

const NASTY_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  "' OR 1=1 --",
  '${jndi:x}',
  '../../etc/passwd',
  '%00',
  'x'.repeat(3000),
  '١٢٣',
  '\u202e',
];
const NASTY_NUMBERS = [0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 0.5, Number.MAX_SAFE_INTEGER];

/** A value no schema of the document expects at this place. */
export const invalidValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...NASTY_STRINGS, ...NASTY_NUMBERS, null, true, [], {}, [null], { '': null }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);

export interface ArbitraryOptions {
  /** share of values drawn outside the schema, 0 … 1 */
  readonly invalid: number;
  readonly depth?: number;
}

export function arbitraryOf(schema: unknown, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const valid = validOf(deref(schema), options, options.depth ?? 0);
  if (options.invalid <= 0) return valid;
  const weight = Math.max(1, Math.round((options.invalid / (1 - Math.min(options.invalid, 0.9))) * 10));
  return fc.oneof({ weight: 10, arbitrary: valid }, { weight, arbitrary: invalidValue });
}

function validOf(schema: any, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === null || schema === true || typeof schema !== 'object')
    return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const child = (s: unknown) => arbitraryOf(s, { ...options, depth: depth + 1 });
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf))
    return fc.oneof(...((schema.anyOf ?? schema.oneOf) as unknown[]).map(child));
  if (Array.isArray(schema.allOf)) return validOf(mergeAll(schema.allOf.map((s: unknown) => deref(s))), options, depth);
  const type = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ['object']
        : [];
  if (type.length > 1) return fc.oneof(...type.map((t: string) => validOf({ ...schema, type: t }, options, depth)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -(2 ** 31), -(2 ** 31)),
        max: Math.min(schema.maximum ?? 2 ** 31 - 1, 2 ** 31 - 1),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringOf(schema);
    case 'array': {
      if (depth > 4) return fc.constant([]);
      return fc.array(child(schema.items), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, unknown>).map(([k, v]) => [k, child(v)]),
      );
      const required = ((schema.required ?? []) as string[]).filter((k) => k in properties);
      return fc.record(properties, { requiredKeys: required });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(schema: any): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'password':
      return fc.string({ minLength: Math.max(minLength, 8), maxLength: Math.max(maxLength, 8) });
    default:
      break;
  }
  if (schema.contentEncoding === 'base64')
    return fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // a pattern JavaScript cannot compile: any string
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function mergeAll(schemas: any[]): any {
  return schemas.reduce(
    (merged, s) => ({
      ...merged,
      ...s,
      properties: { ...merged.properties, ...s.properties },
      required: [...(merged.required ?? []), ...(s.required ?? [])],
    }),
    {},
  );
}
