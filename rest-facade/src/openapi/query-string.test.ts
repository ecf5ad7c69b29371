import { describe, expect, it } from 'vitest';
import type { Document } from 'openapi-backend';
import { queryParser } from './query-string.js';

const param = (name: string, type: string) => ({ name, in: 'query', schema: { type } });
const definition = (parameters: unknown[], more: unknown[] = []) =>
  ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/a': { get: { parameters } }, '/b': { get: { parameters: more } } },
  }) as unknown as Document;

describe('query strings as FastAPI reads them', () => {
  const parse = queryParser(
    definition(
      [param('with_origin', 'boolean'), param('limit', 'integer'), param('name', 'string')],
      [param('with_origin', 'boolean'), param('user_ids', 'array')],
    ),
  );

  it.each([
    ['with_origin=True&limit=1_0', { with_origin: 'True', limit: '1_0' }],
    ['with%5Forigin=T', { with_origin: 'T' }],
    ['with_origin=', { with_origin: '' }],
    ['with_origin', { with_origin: '' }],
  ])('gives values on as written (their operation reads them): %s', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it.each([
    ['limit=10&limit=20', { limit: '20' }],
    ['user_ids=3', { user_ids: ['3'] }],
    ['user_ids=3&limit=10&user_ids=4&user_ids=3', { user_ids: ['3', '4', '3'], limit: '10' }],
    ['with_origin=true&with_origin=no', { with_origin: 'no' }],
  ])('takes every value of a list and the last of anything else: %s', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it.each([
    ['name=a+b%20c', { name: 'a b c' }],
    ['name=%E2%82%AC', { name: '€' }],
    ['name=%2B1%26x%3Dy', { name: '+1&x=y' }],
    ['name=100%', { name: '100%' }],
    ['name=%zz%41', { name: '%zzA' }],
    ['name=%E0%A4%A', { name: '\uFFFD%A' }],
    ['name=%FF', { name: '\uFFFD' }],
    ['name=a=b', { name: 'a=b' }],
  ])('decodes as unquote_plus: %s', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it.each([
    ['limit[]=10', {}],
    ['limit[a]=10&a[b][c]=1', {}],
    ['user_ids[]=3', {}],
    ['unknown=1&&limit=10&', { limit: '10' }],
    ['__proto__=1&constructor=2', {}],
    ['', {}],
  ])('takes names as written and leaves out what the contract does not have: %s', (query, expected) => {
    const parsed = parse(query);
    expect(parsed).toEqual(expected);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('refuses a contract where a name is a list in one operation and not in another', () => {
    expect(() => queryParser(definition([param('ids', 'array')], [param('ids', 'integer')]))).toThrow(/ids/);
  });
});
