import type { ErrorObject } from 'ajv';

/** One entry of a FastAPI 422 body, as pydantic v1 words it. */
export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** Where a part of the request sits in FastAPI's `loc`: openapi-backend validates `requestBody`, FastAPI says `body`. */
const ROOTS: Record<string, string> = {
  requestBody: 'body',
  path: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
};

const TYPE_MESSAGES: Record<string, [msg: string, type: string]> = {
  integer: ['value is not a valid integer', 'type_error.integer'],
  number: ['value is not a valid float', 'type_error.float'],
  string: ['str type expected', 'type_error.str'],
  boolean: ['value could not be parsed to a boolean', 'type_error.bool'],
  array: ['value is not a valid list', 'type_error.list'],
  object: ['value is not a valid dict', 'type_error.dict'],
};

const FORMAT_MESSAGES: Record<string, [msg: string, type: string]> = {
  uuid: ['value is not a valid uuid', 'type_error.uuid'],
  'date-time': ['invalid datetime format', 'value_error.datetime'],
  date: ['invalid date format', 'value_error.date'],
  time: ['invalid time format', 'value_error.time'],
  email: ['value is not a valid email address', 'value_error.email'],
  uri: ['invalid or missing URL scheme', 'value_error.url.scheme'],
  ipv4: ['value is not a valid IPv4 address', 'value_error.ipv4address'],
  ipv6: ['value is not a valid IPv6 address', 'value_error.ipv6address'],
};

/**
 * pydantic reports one error per field: undecodable JSON first, a missing field or a value
 * outside an enumeration (whatever its type), then a wrong type, then constraints.
 */
const RANKS: Record<string, number> = { parse: 0, required: 1, enum: 1, type: 2 };

/** Maps ajv errors of openapi-backend's request validation onto FastAPI's 422 `detail`, one entry per location. */
export function toValidationDetails(errors: readonly ErrorObject[]): ValidationDetail[] {
  const byLoc = new Map<string, ValidationDetail & { rank: number }>();
  for (const error of errors) {
    const detail = toDetail(error);
    if (!detail) continue;
    const rank = RANKS[error.keyword] ?? 3;
    const key = JSON.stringify(detail.loc);
    const seen = byLoc.get(key);
    if (!seen || rank < seen.rank) byLoc.set(key, { ...detail, rank });
  }
  return [...byLoc.values()].map(({ rank: _rank, ...detail }) => detail);
}

function toDetail(error: ErrorObject): ValidationDetail | undefined {
  const loc = locOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        loc: missing === 'requestBody' && loc.length === 0 ? ['body'] : [...loc, ROOTS[missing] ?? missing],
        msg: 'field required',
        type: 'value_error.missing',
      };
    }
    case 'parse':
      return { loc: ['body'], msg: error.message ?? 'Invalid JSON', type: 'value_error.jsondecode' };
    case 'type': {
      if (error.data === null) return { loc, msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' };
      const expected =
        String(params.type)
          .split(',')
          .find((t) => t !== 'null') ?? 'object';
      const [msg, type] = TYPE_MESSAGES[expected] ?? [`value is not a valid ${expected}`, `type_error.${expected}`];
      return { loc, msg, type };
    }
    case 'minimum':
      return limit(loc, params.limit, 'ensure this value is greater than or equal to', 'value_error.number.not_ge');
    case 'maximum':
      return limit(loc, params.limit, 'ensure this value is less than or equal to', 'value_error.number.not_le');
    case 'exclusiveMinimum':
      return limit(loc, params.limit, 'ensure this value is greater than', 'value_error.number.not_gt');
    case 'exclusiveMaximum':
      return limit(loc, params.limit, 'ensure this value is less than', 'value_error.number.not_lt');
    case 'multipleOf':
      return {
        loc,
        msg: `ensure this value is a multiple of ${params.multipleOf}`,
        type: 'value_error.number.not_multiple',
        ctx: { multiple_of: params.multipleOf },
      };
    case 'minLength':
      return sized(loc, params.limit, 'at least', 'characters', 'value_error.any_str.min_length');
    case 'maxLength':
      return sized(loc, params.limit, 'at most', 'characters', 'value_error.any_str.max_length');
    case 'minItems':
      return sized(loc, params.limit, 'at least', 'items', 'value_error.list.min_items');
    case 'maxItems':
      return sized(loc, params.limit, 'at most', 'items', 'value_error.list.max_items');
    case 'uniqueItems':
      return { loc, msg: 'the list has duplicated items', type: 'value_error.list.unique_items' };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return {
        loc,
        msg: `value is not a valid enumeration member; permitted: ${allowed.map((v) => `'${String(v)}'`).join(', ')}`,
        type: 'type_error.enum',
        ctx: { enum_values: allowed },
      };
    }
    case 'const':
      return {
        loc,
        msg: `unexpected value; permitted: ${JSON.stringify(params.allowedValue)}`,
        type: 'value_error.const',
        ctx: { given: error.data, permitted: [params.allowedValue] },
      };
    case 'pattern':
      return {
        loc,
        msg: `string does not match regex "${params.pattern}"`,
        type: 'value_error.str.regex',
        ctx: { pattern: params.pattern },
      };
    case 'format': {
      const [msg, type] = FORMAT_MESSAGES[String(params.format)] ?? [
        `value is not a valid ${params.format}`,
        'value_error',
      ];
      return { loc, msg, type };
    }
    case 'additionalProperties':
      return {
        loc: [...loc, String(params.additionalProperty)],
        msg: 'extra fields not permitted',
        type: 'value_error.extra',
      };
    case 'anyOf':
    case 'oneOf':
    case 'if':
      // the branches report their own errors
      return undefined;
    default:
      return { loc, msg: error.message ?? 'invalid value', type: 'value_error' };
  }
}

/** `/requestBody/group_ids/0` → `["body", "group_ids", 0]` */
export function locOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  const [root = '', ...rest] = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [ROOTS[root] ?? root, ...rest.map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
}

function limit(loc: (string | number)[], value: unknown, text: string, type: string): ValidationDetail {
  return { loc, msg: `${text} ${value}`, type, ctx: { limit_value: value } };
}

function sized(loc: (string | number)[], value: unknown, bound: string, unit: string, type: string): ValidationDetail {
  return { loc, msg: `ensure this value has ${bound} ${value} ${unit}`, type, ctx: { limit_value: value } };
}
