import { describe, expect, it } from 'vitest';
import type { Document } from 'openapi-backend';
import { booleanQueryNormaliser } from './boolean-query.js';

const param = (name: string, type: string) => ({ name, in: 'query', schema: { type } });
const definition = (parameters: unknown[], more: unknown[] = []) =>
  ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/a': { get: { parameters } }, '/b': { get: { parameters: more } } },
  }) as unknown as Document;

describe('boolean query parameters as FastAPI reads them', () => {
  const normalise = booleanQueryNormaliser(
    definition([param('with_origin', 'boolean'), param('limit', 'integer')], [param('with_origin', 'boolean')]),
  );

  it.each([
    ['with_origin=True', 'with_origin=true'],
    ['with_origin=FALSE&limit=10', 'with_origin=false&limit=10'],
    ['limit=1&with_origin=1', 'limit=1&with_origin=true'],
    ['with_origin=yes', 'with_origin=true'],
    ['with_origin=Off', 'with_origin=false'],
    ['with_origin=n', 'with_origin=false'],
    ['with%5Forigin=T', 'with%5Forigin=true'],
    ['a=%20x+y&with_origin=on&b=%E2%82%AC', 'a=%20x+y&with_origin=true&b=%E2%82%AC'],
  ])('%s → %s', (query, expected) => {
    expect(normalise(query)).toBe(expected);
  });

  it.each(['with_origin=true', 'with_origin=maybe', 'with_origin=', 'with_origin', 'limit=yes', 'x=%E0%A4%A', ''])(
    'leaves %j as it is',
    (query) => {
      expect(normalise(query)).toBe(query);
    },
  );

  it('refuses a contract where a name is boolean in one operation only', () => {
    expect(() => booleanQueryNormaliser(definition([param('flag', 'boolean')], [param('flag', 'string')]))).toThrow(
      /flag/,
    );
  });
});
