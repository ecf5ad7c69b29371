import { describe, expect, it } from 'vitest';
import { NOT_FINITE, refusedValueDetails } from './refused-values.js';

/** The details of a JSON body as openapi-backend parses it. */
const ofBody = (text: string) => refusedValueDetails({ requestBody: JSON.parse(text) });

describe('JSON numbers too large for a double', () => {
  it('are found at their loc, at any depth', () => {
    expect(ofBody('{"a": 1e999, "b": [1, -1E+400], "c": {"d": 1e308}}')).toEqual([
      { loc: ['body', 'a'], ...NOT_FINITE },
      { loc: ['body', 'b', 1], ...NOT_FINITE },
    ]);
    expect(ofBody(`[${'9'.repeat(309)}]`)).toEqual([{ loc: ['body', 0], ...NOT_FINITE }]);
  });

  it('leave alone finite numbers, strings that look like them and forms', () => {
    for (const body of ['{"a": 1e308, "b": 1e-999, "c": "1e999"}', `{"a": ${'9'.repeat(308)}}`]) {
      expect(ofBody(body), body.slice(0, 40)).toEqual([]);
    }
    expect(refusedValueDetails({ requestBody: { a: '1e999' } })).toEqual([]);
    expect(refusedValueDetails({})).toEqual([]);
  });
});
