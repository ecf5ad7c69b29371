import { InputValidationError } from '@argus/core';

/** Where a value sits in the REST request, e.g. ["body", "birth_date"] (FastAPI's `loc`). */
export type FieldPath = readonly (string | number)[];

export function invalid(path: FieldPath, message: string, kind = 'value_error'): InputValidationError {
  return new InputValidationError(message, path.map(String), kind);
}

/** A required text: trimmed, between min and max characters. */
export function text(value: string, path: FieldPath, max: number, min = 1): string {
  const trimmed = value.trim();
  if (trimmed.length < min)
    throw invalid(path, `ensure this value has at least ${min} characters`, 'value_error.any_str.min_length');
  if (trimmed.length > max)
    throw invalid(path, `ensure this value has at most ${max} characters`, 'value_error.any_str.max_length');
  return trimmed;
}

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
  throw invalid(path, 'invalid date format, expected YYYY-MM-DD', 'value_error.date');
}

/** A list of at most `max` items. */
export function listOf<T, R>(
  values: readonly T[],
  path: FieldPath,
  max: number,
  each: (value: T, path: FieldPath) => R,
): R[] {
  if (values.length > max)
    throw invalid(path, `ensure this value has at most ${max} items`, 'value_error.list.max_items');
  return values.map((value, index) => each(value, [...path, index]));
}
