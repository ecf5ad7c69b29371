import { describe, expect, it } from 'vitest';
import {
  DESCRIPTOR_VERSION,
  MATCH_THRESHOLD,
  cosineSimilarity,
  decodeFloat32,
  encodeFloat32,
  isSamePerson,
  l2Normalize,
  similarity,
} from './descriptor-codec.js';

describe('l2Normalize', () => {
  it('returns the unit vector and the norm before normalising', () => {
    const { vector, norm } = l2Normalize([3, 4]);
    expect(norm).toBe(5);
    expect(Array.from(vector)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('leaves a zero vector at zero with norm 0', () => {
    const { vector, norm } = l2Normalize(new Float32Array(4));
    expect(norm).toBe(0);
    expect(Array.from(vector)).toEqual([0, 0, 0, 0]);
  });
});

describe('base64 float32 codec', () => {
  it('round-trips a vector exactly', () => {
    const vector = Float32Array.from({ length: 512 }, (_, i) => Math.sin(i) / 7);
    expect(decodeFloat32(encodeFloat32(vector))).toEqual(vector);
  });

  it('writes little-endian float32', () => {
    expect(encodeFloat32([1])).toBe(Buffer.from([0x00, 0x00, 0x80, 0x3f]).toString('base64'));
    expect(encodeFloat32([1, -2]).length).toBe(12);
  });

  it('refuses data that is not a whole number of floats', () => {
    expect(() => decodeFloat32(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(RangeError);
  });
});

describe('similarity', () => {
  it('is the cosine: 1 for the same direction, -1 opposite, 0 orthogonal', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 9);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBeCloseTo(-1, 9);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
  });

  it('accepts vectors, base64 data and meta descriptors alike', () => {
    const a = l2Normalize([1, 2, 2]).vector;
    const b = l2Normalize([2, 1, 2]).vector;
    const expected = cosineSimilarity(a, b);
    expect(similarity(encodeFloat32(a), { data: encodeFloat32(b), version: DESCRIPTOR_VERSION })).toBeCloseTo(
      expected,
      6,
    );
    expect(similarity(a, b)).toBeCloseTo(8 / 9, 6);
  });

  it('refuses to compare descriptors of different model versions or lengths', () => {
    const data = encodeFloat32([1, 0]);
    expect(() => similarity({ data, version: 'fr_feature-v1' }, { data, version: 'other-v2' })).toThrow(
      /different models/,
    );
    expect(() => similarity([1, 0], [1, 0, 0])).toThrow(/length/);
  });

  it('decides sameness against the match threshold', () => {
    const base = [1, 0];
    const close = [Math.cos(0.5), Math.sin(0.5)]; // cos 0.5 rad ≈ 0.88
    const far = [Math.cos(1.4), Math.sin(1.4)]; // ≈ 0.17
    expect(MATCH_THRESHOLD).toBeGreaterThan(0.17);
    expect(MATCH_THRESHOLD).toBeLessThan(0.88);
    expect(isSamePerson(base, close)).toBe(true);
    expect(isSamePerson(base, far)).toBe(false);
  });
});
