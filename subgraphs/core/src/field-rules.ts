import { InputValidationError, type ValidationBounds, type ValidationKind } from './errors.js';

/** Where a value sits in the operation's arguments, e.g. ["input", "source", "url"]. */
export type FieldPath = readonly (string | number)[];

/** The validation error for the value at `path`. */
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

/** A list of at most `max` items, each checked at its own index. */
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
