import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, operationCost } from './operation-limits.js';

const schema = buildSchema(`
  type Query { cameras(first: Int = 20): CameraPage! }
  type CameraPage { nodes: [Camera!]! }
  type Camera { id: ID! name: String! onvif: CameraOnvif! }
  type CameraOnvif { info: String network: String presets: [String!] }
`);

const cost = (query: string) => operationCost(schema, parse(query));

describe('operation cost', () => {
  it('multiplies what a page holds by its size', () => {
    expect(cost('{ cameras(first: 10) { nodes { id name } } }')).toBe(1 + 10 * (1 + 2));
  });

  it('prices every field that calls a camera far above a stored field', () => {
    const stored = cost('{ cameras(first: 20) { nodes { id name } } }')!;
    const device = cost('{ cameras(first: 20) { nodes { onvif { info network presets } } } }')!;
    expect(device).toBeGreaterThan(stored * 1000);
  });

  it('keeps device reads of a small page under the default budget and of a large one over it', () => {
    const all = 'onvif { info network presets }';
    expect(cost(`{ cameras(first: 20) { nodes { ${all} } } }`)).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(cost(`{ cameras(first: 100) { nodes { ${all} } } }`)).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
  });
});

describe('operation cost of a repeated document', () => {
  const document = parse(`
    query Page($n: Int, $skip: Boolean = false) { cameras(first: $n) { nodes { id name @skip(if: $skip) } } }
    query Other { cameras(first: 1) { nodes { id } } }
  `);
  const of = (variables: Record<string, unknown>, operationName = 'Page') =>
    operationCost(schema, document, variables, operationName);

  it('follows its variables and operation name, however often it is asked', () => {
    for (let round = 0; round < 3; round++) {
      expect(of({ n: 10 })).toBe(1 + 10 * 3);
      expect(of({ n: 1000 })).toBe(1 + 1000 * 3);
      expect(of({ n: 10, skip: true })).toBe(1 + 10 * 2);
      expect(of({}, 'Other')).toBe(1 + 1 * 2);
      expect(of({ n: 'ten' })).toBeUndefined();
    }
  });

  it('stays right past the number of variable sets it keeps, and for variables too long to keep', () => {
    for (let n = 1; n <= 200; n++) expect(of({ n })).toBe(1 + n * 3);
    const long = 'x'.repeat(5_000);
    expect(of({ n: 7, long })).toBe(1 + 7 * 3);
    expect(of({ n: 8, long })).toBe(1 + 8 * 3);
  });
});
