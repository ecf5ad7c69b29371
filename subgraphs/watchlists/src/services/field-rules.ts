import { invalid, text, type FieldPath } from '@argus/core';

export { invalid, listOf, text, type FieldPath } from '@argus/core';

/** An optional text: trimmed; absent, null or blank is null. */
export function optionalText(value: string | null | undefined, path: FieldPath, max: number): string | null {
  if (value === null || value === undefined) return null;
  return text(value, path, max, 0) || null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date written YYYY-MM-DD (ISO 8601), from year 1 to 9999; absent, null or blank is null.
 * Impossible dates such as 2023-02-30 are refused like malformed ones.
 */
export function optionalDate(value: string | null | undefined, path: FieldPath): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const match = ISO_DATE.exec(value.trim());
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return match[0];
  }
  throw invalid(path, 'invalid date format, expected YYYY-MM-DD', 'not_a_date');
}
