import { describe, expect, it } from 'vitest';
import { matchesEtag, parseRange } from './byte-range.js';

const partial = (start: number, end: number) => ({ kind: 'partial', range: { start, end } });

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', 1000, partial(0, 99)],
    ['bytes=100-', 1000, partial(100, 999)],
    ['bytes=-100', 1000, partial(900, 999)],
    ['bytes=-5000', 1000, partial(0, 999)],
    ['bytes=990-5000', 1000, partial(990, 999)],
    ['bytes=999-999', 1000, partial(999, 999)],
    ['BYTES = 5-9 ', 1000, partial(5, 9)],
  ])('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    ['bytes=1000-', 1000],
    ['bytes=1000-1001', 1000],
    ['bytes=-0', 1000],
    ['bytes=0-', 0],
    ['bytes=-1', 0],
  ])('%s of %i bytes cannot be satisfied', (header, size) => {
    expect(parseRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([
    [undefined],
    [''],
    ['bytes=abc'],
    ['bytes=-'],
    ['bytes=9-5'],
    ['items=0-5'],
    ['bytes=0-5,10-20'],
    ['bytes=1.5-3'],
  ])('%s is ignored: the whole content is sent', (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: 'whole' });
  });
});

describe('matchesEtag', () => {
  const etag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
    [undefined, false],
    ['', false],
  ])('If-None-Match %s', (header, expected) => {
    expect(matchesEtag(header, etag)).toBe(expected);
  });
});
