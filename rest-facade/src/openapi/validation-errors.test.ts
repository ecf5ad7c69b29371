import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { locOf, toValidationDetails } from './validation-errors.js';

/** An ajv error as openapi-backend's validators report it (verbose: `data` is set). */
function ajvError(keyword: string, instancePath: string, params: Record<string, unknown>, data?: unknown): ErrorObject {
  return { keyword, instancePath, schemaPath: '#/x', params, message: `ajv says ${keyword}`, data };
}

describe('toValidationDetails: ajv → FastAPI/pydantic v1 422 detail', () => {
  const table: [string, ErrorObject, { loc: (string | number)[]; msg: string; type: string }][] = [
    [
      'limit below minimum',
      ajvError('minimum', '/query/limit', { comparison: '>=', limit: 10 }, 5),
      {
        loc: ['query', 'limit'],
        msg: 'ensure this value is greater than or equal to 10',
        type: 'value_error.number.not_ge',
      },
    ],
    [
      'limit above maximum',
      ajvError('maximum', '/query/limit', { comparison: '<=', limit: 1000 }, 5000),
      {
        loc: ['query', 'limit'],
        msg: 'ensure this value is less than or equal to 1000',
        type: 'value_error.number.not_le',
      },
    ],
    [
      'exclusive minimum',
      ajvError('exclusiveMinimum', '/query/x', { comparison: '>', limit: 0 }, 0),
      { loc: ['query', 'x'], msg: 'ensure this value is greater than 0', type: 'value_error.number.not_gt' },
    ],
    [
      'malformed integer path id',
      ajvError('type', '/path/user_id', { type: 'integer' }, 'abc'),
      { loc: ['path', 'user_id'], msg: 'value is not a valid integer', type: 'type_error.integer' },
    ],
    [
      'missing body field',
      ajvError('required', '/requestBody', { missingProperty: 'first_name' }),
      { loc: ['body', 'first_name'], msg: 'field required', type: 'value_error.missing' },
    ],
    [
      'missing body',
      ajvError('required', '', { missingProperty: 'requestBody' }),
      { loc: ['body'], msg: 'field required', type: 'value_error.missing' },
    ],
    [
      'missing query parameter',
      ajvError('required', '/query', { missingProperty: 'camera_id' }),
      { loc: ['query', 'camera_id'], msg: 'field required', type: 'value_error.missing' },
    ],
    [
      'too long string',
      ajvError('maxLength', '/requestBody/first_name', { limit: 32 }, 'x'.repeat(40)),
      {
        loc: ['body', 'first_name'],
        msg: 'ensure this value has at most 32 characters',
        type: 'value_error.any_str.max_length',
      },
    ],
    [
      'too short string',
      ajvError('minLength', '/requestBody/query', { limit: 2 }, 'a'),
      {
        loc: ['body', 'query'],
        msg: 'ensure this value has at least 2 characters',
        type: 'value_error.any_str.min_length',
      },
    ],
    [
      'wrong type in a list',
      ajvError('type', '/requestBody/group_ids/0', { type: 'integer' }, 'a'),
      { loc: ['body', 'group_ids', 0], msg: 'value is not a valid integer', type: 'type_error.integer' },
    ],
    [
      'string expected (nullable)',
      ajvError('type', '/requestBody/avatar_id', { type: 'string,null' }, 5),
      { loc: ['body', 'avatar_id'], msg: 'str type expected', type: 'type_error.str' },
    ],
    [
      'null where a value is required',
      ajvError('type', '/requestBody/last_name', { type: 'string' }, null),
      { loc: ['body', 'last_name'], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' },
    ],
    [
      'boolean',
      ajvError('type', '/query/without_groups', { type: 'boolean' }, 'maybe'),
      { loc: ['query', 'without_groups'], msg: 'value could not be parsed to a boolean', type: 'type_error.bool' },
    ],
    [
      'list expected',
      ajvError('type', '/requestBody/user_ids', { type: 'array' }, 3),
      { loc: ['body', 'user_ids'], msg: 'value is not a valid list', type: 'type_error.list' },
    ],
    [
      'object expected',
      ajvError('type', '/requestBody', { type: 'object' }, []),
      { loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' },
    ],
    [
      'float expected',
      ajvError('type', '/requestBody/latitude', { type: 'number' }, 'n'),
      { loc: ['body', 'latitude'], msg: 'value is not a valid float', type: 'type_error.float' },
    ],
    [
      'enumeration',
      ajvError('enum', '/query/order_by', { allowedValues: ['created_at', '-created_at'] }, 'x'),
      {
        loc: ['query', 'order_by'],
        msg: "value is not a valid enumeration member; permitted: 'created_at', '-created_at'",
        type: 'type_error.enum',
      },
    ],
    [
      'enumeration in a list',
      ajvError('enum', '/query/action_types/1', { allowedValues: ['user_login'] }, 'x'),
      {
        loc: ['query', 'action_types', 1],
        msg: "value is not a valid enumeration member; permitted: 'user_login'",
        type: 'type_error.enum',
      },
    ],
    [
      'uuid',
      ajvError('format', '/path/auditlog_id', { format: 'uuid' }, 'nope'),
      { loc: ['path', 'auditlog_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' },
    ],
    [
      'date-time',
      ajvError('format', '/query/created_at_from', { format: 'date-time' }, 'yesterday'),
      { loc: ['query', 'created_at_from'], msg: 'invalid datetime format', type: 'value_error.datetime' },
    ],
    [
      'pattern',
      ajvError('pattern', '/requestBody/token_type', { pattern: 'bearer' }, 'x'),
      { loc: ['body', 'token_type'], msg: 'string does not match regex "bearer"', type: 'value_error.str.regex' },
    ],
    [
      'too many items',
      ajvError('maxItems', '/requestBody/group_ids', { limit: 1 }, [1, 2]),
      { loc: ['body', 'group_ids'], msg: 'ensure this value has at most 1 items', type: 'value_error.list.max_items' },
    ],
    [
      'invalid JSON body',
      {
        keyword: 'parse',
        instancePath: '',
        schemaPath: '#/requestBody',
        params: [] as never,
        message: 'Unexpected token b in JSON at position 1',
      },
      { loc: ['body'], msg: 'Unexpected token b in JSON at position 1', type: 'value_error.jsondecode' },
    ],
    [
      'extra field',
      ajvError('additionalProperties', '/requestBody', { additionalProperty: 'foo' }),
      { loc: ['body', 'foo'], msg: 'extra fields not permitted', type: 'value_error.extra' },
    ],
    [
      'unknown keyword falls back to ajv',
      ajvError('dependentRequired', '/requestBody', {}),
      { loc: ['body'], msg: 'ajv says dependentRequired', type: 'value_error' },
    ],
  ];

  it.each(table)('%s', (_name, error, expected) => {
    const [detail] = toValidationDetails([error]);
    expect({ loc: detail?.loc, msg: detail?.msg, type: detail?.type }).toEqual(expected);
  });

  it('gives the limit in ctx as pydantic does', () => {
    expect(toValidationDetails([ajvError('minimum', '/query/limit', { limit: 10 }, 5)])[0]?.ctx).toEqual({
      limit_value: 10,
    });
  });

  it('keeps one error per location, an enumeration before the type (as pydantic words enum fields)', () => {
    const details = toValidationDetails([
      ajvError('enum', '/requestBody/permission', { allowedValues: ['a'] }, 5),
      ajvError('type', '/requestBody/permission', { type: 'string' }, 5),
      ajvError('required', '/requestBody', { missingProperty: 'role_id' }),
    ]);
    expect(details.map((d) => [d.loc, d.type])).toEqual([
      [['body', 'permission'], 'type_error.enum'],
      [['body', 'role_id'], 'value_error.missing'],
    ]);
  });

  it('reports undecodable JSON rather than the body type', () => {
    const details = toValidationDetails([
      { keyword: 'parse', instancePath: '', schemaPath: '#/requestBody', params: [] as never, message: 'bad' },
      ajvError('type', '/requestBody', { type: 'object' }, '{bad'),
    ]);
    expect(details).toEqual([{ loc: ['body'], msg: 'bad', type: 'value_error.jsondecode' }]);
  });

  it('skips anyOf summaries (their branches report)', () => {
    expect(toValidationDetails([ajvError('anyOf', '/requestBody/x', {})])).toEqual([]);
  });
});

describe('locOf', () => {
  it('maps openapi-backend roots and unescapes JSON pointers', () => {
    expect(locOf('/requestBody/a~1b/2/c~0d')).toEqual(['body', 'a/b', 2, 'c~d']);
    expect(locOf('/header/x-id')).toEqual(['header', 'x-id']);
    expect(locOf('')).toEqual([]);
  });
});
