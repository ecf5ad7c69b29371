import { InputValidationError } from './errors.js';

/**
 * Opaque cursors for keyset pagination: base64url of the last row's sort key.
 * A cursor that does not decode is bad input (REST 422 on `["query","cursor"]`).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): (string | number)[] | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // falls through
  }
  throw new InputValidationError('Invalid cursor', ['query', 'cursor']);
}

export interface Page<T> {
  items: T[];
  /** cursor of the next page, undefined on the last one */
  nextCursor?: string;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that more exist.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1]!)) };
}
