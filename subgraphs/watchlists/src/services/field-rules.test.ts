import { describe, expect, it } from 'vitest';
import { optionalDate, optionalText } from './field-rules.js';

describe('dates', () => {
  it.each(['2012-07-21', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (date) => {
    expect(optionalDate(date, ['input', 'birthDate'])).toBe(date);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2023-04-31',
    '2023-02-30',
    '2023-13-01',
    '2023-00-01',
    '2023-01-00',
    '0000-01-01',
    '2012-7-21',
    '21.07.2012',
    '2012-07-21T10:00:00Z',
    '+2012-07-21',
  ])('refuses %s on its field', (date) => {
    expect(() => optionalDate(date, ['input', 'birthDate'])).toThrowError(
      expect.objectContaining({ field: ['input', 'birthDate'], kind: 'not_a_date' }),
    );
  });

  it('reads absent, null and blank as no date', () => {
    expect([optionalDate(undefined, []), optionalDate(null, []), optionalDate('  ', [])]).toEqual([null, null, null]);
  });
});

describe('optional texts', () => {
  it('trims, turns blank into null and refuses what is too long', () => {
    expect(optionalText('  Jane  ', ['input', 'fullName'], 128)).toBe('Jane');
    expect(optionalText('   ', ['input', 'fullName'], 128)).toBeNull();
    expect(() => optionalText('x'.repeat(129), ['input', 'fullName'], 128)).toThrowError(
      expect.objectContaining({ field: ['input', 'fullName'] }),
    );
  });
});
