import { invalid, text, type FieldPath } from '@argus/core';

export { invalid, listOf, text, type FieldPath } from '@argus/core';

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

/** Names within one list are unique (case-insensitive). */
export function uniqueNames(items: readonly { name: string }[], path: FieldPath): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = item.name.toLowerCase();
    if (seen.has(key)) throw invalid([...path, index, 'name'], `name "${item.name}" is used twice`);
    seen.add(key);
  });
}
