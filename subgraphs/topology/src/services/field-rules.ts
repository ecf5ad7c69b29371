import { InputValidationError, type ValidationBounds, type ValidationKind } from '@argus/core';

/** Where a value sits in the operation's arguments, e.g. ["input", "source", "url"]. */
export type FieldPath = readonly (string | number)[];

export function invalid(
  path: FieldPath,
  message: string,
  kind: ValidationKind = 'invalid',
  bounds: ValidationBounds = {},
): InputValidationError {
  return new InputValidationError(message, path.map(String), kind, bounds);
}

/** A required text: trimmed, between min and max characters. */
export function text(value: string, path: FieldPath, max: number, min = 1): string {
  const trimmed = value.trim();
  if (trimmed.length < min)
    throw invalid(path, `ensure this value has at least ${min} characters`, 'too_short', { limit: min });
  if (trimmed.length > max)
    throw invalid(path, `ensure this value has at most ${max} characters`, 'too_long', { limit: max });
  return trimmed;
}

/** An optional text: absent or null stays null. */
export function optionalText(value: string | null | undefined, path: FieldPath, max: number, min = 1): string | null {
  return value === null || value === undefined ? null : text(value, path, max, min);
}

/** A finite number within [min, max]. */
export function numberIn(value: number, path: FieldPath, min: number, max: number): number {
  if (!Number.isFinite(value)) throw invalid(path, 'value is not a valid number', 'not_a_number');
  if (value < min)
    throw invalid(path, `ensure this value is greater than or equal to ${min}`, 'too_small', { limit: min });
  if (value > max)
    throw invalid(path, `ensure this value is less than or equal to ${max}`, 'too_large', { limit: max });
  return value;
}

/** An integer within [min, max]. */
export function integerIn(value: number, path: FieldPath, min: number, max: number): number {
  if (!Number.isInteger(value)) throw invalid(path, 'value is not a valid integer', 'not_an_integer');
  return numberIn(value, path, min, max);
}

/** A list of at most `max` items. */
export function listOf<T, R>(
  values: readonly T[],
  path: FieldPath,
  max: number,
  each: (value: T, path: FieldPath) => R,
): R[] {
  if (values.length > max)
    throw invalid(path, `ensure this value has at most ${max} items`, 'too_many_items', { limit: max });
  return values.map((value, index) => each(value, [...path, index]));
}

/** Names within one list are unique (case-insensitive). */
export function uniqueNames(items: readonly { name: string }[], path: FieldPath): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = item.name.toLowerCase();
    if (seen.has(key)) throw invalid([...path, index, 'name'], `name "${item.name}" is used twice`);
    seen.add(key);
  });
}
