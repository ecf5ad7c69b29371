import { describe, expect, it } from 'vitest';
import { normalizePlateNumber } from './plate-number.js';

describe('plate numbers', () => {
  it.each([
    ['AB-123 CD', 'AB123CD'],
    [' ab 123-cd ', 'AB123CD'],
    ['ab\u2013123\u00a0cd', 'AB123CD'],
    ['м 123 ор-77', 'М123ОР77'],
    ['--', ''],
  ])('normalises %j to %j', (number, normalized) => {
    expect(normalizePlateNumber(number)).toBe(normalized);
  });
});
