import { InputValidationError } from '@argus/core';

/** Where a value sits in the REST request, e.g. ["body", "source", "url"] (FastAPI's `loc`). */
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

/** An optional text: absent or null stays null. */
export function optionalText(value: string | null | undefined, path: FieldPath, max: number, min = 1): string | null {
  return value === null || value === undefined ? null : text(value, path, max, min);
}

/** A finite number within [min, max]. */
export function numberIn(value: number, path: FieldPath, min: number, max: number): number {
  if (!Number.isFinite(value)) throw invalid(path, 'value is not a valid number', 'type_error.float');
  if (value < min)
    throw invalid(path, `ensure this value is greater than or equal to ${min}`, 'value_error.number.not_ge');
  if (value > max)
    throw invalid(path, `ensure this value is less than or equal to ${max}`, 'value_error.number.not_le');
  return value;
}

/** An integer within [min, max]. */
export function integerIn(value: number, path: FieldPath, min: number, max: number): number {
  if (!Number.isInteger(value)) throw invalid(path, 'value is not a valid integer', 'type_error.integer');
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
    throw invalid(path, `ensure this value has at most ${max} items`, 'value_error.list.max_items');
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
