import { describe, expect, it } from 'vitest';
import { MAX_OPERATION_LABELS, PartMetrics, bearerMatches } from './metrics.js';

describe('operation labels', () => {
  it('keeps names as they are up to the bound, then reports other', () => {
    const metrics = new PartMetrics('unit');
    for (let i = 0; i < MAX_OPERATION_LABELS; i += 1) expect(metrics.operationLabel(`op${i}`)).toBe(`op${i}`);
    expect(metrics.operationLabel('oneTooMany')).toBe('other');
    expect(metrics.operationLabel('op7')).toBe('op7');
  });

  it('names nothing it cannot trust', () => {
    const metrics = new PartMetrics('unit');
    expect(metrics.operationLabel(undefined)).toBe('none');
    expect(metrics.operationLabel('')).toBe('none');
    expect(metrics.operationLabel('a"b')).toBe('other');
    expect(metrics.operationLabel('x'.repeat(101))).toBe('other');
  });
});

describe('bearerMatches', () => {
  it('accepts the token only', () => {
    const token = 'metrics-token-0123456789';
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}0`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
  });
});
