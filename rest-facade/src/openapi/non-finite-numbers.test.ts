import { describe, expect, it } from 'vitest';
import { NOT_FINITE, nonFiniteNumberDetails } from './non-finite-numbers.js';

describe('JSON numbers too large for a double', () => {
  it('are found at their loc, at any depth', () => {
    expect(nonFiniteNumberDetails('{"a": 1e999, "b": [1, -1E+400], "c": {"d": 1e308}}')).toEqual([
      { loc: ['body', 'a'], ...NOT_FINITE },
      { loc: ['body', 'b', 1], ...NOT_FINITE },
    ]);
    expect(nonFiniteNumberDetails(`[${'9'.repeat(309)}]`)).toEqual([{ loc: ['body', 0], ...NOT_FINITE }]);
  });

  it('leave alone finite numbers, strings that look like them, malformed JSON and forms', () => {
    for (const body of ['{"a": 1e308, "b": 1e-999, "c": "1e999"}', `{"a": ${'9'.repeat(308)}}`, '{"a": 1e999', '']) {
      expect(nonFiniteNumberDetails(body), body.slice(0, 40)).toEqual([]);
    }
    expect(nonFiniteNumberDetails({ a: '1e999' })).toEqual([]);
    expect(nonFiniteNumberDetails(undefined)).toEqual([]);
  });
});
