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
