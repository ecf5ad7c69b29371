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

/** Page sizes every list accepts, REST and GraphQL alike (the contract's `limit` bounds). */
export const PAGE_SIZE = { min: 10, max: 1000 } as const;

/** Refuses a page size outside the contract's bounds as bad input on `["query","limit"]`. */
export function checkPageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < PAGE_SIZE.min || limit > PAGE_SIZE.max) {
    throw new InputValidationError(`ensure limit is between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}`, ['query', 'limit'], 'value_error.number.not_in_range');
  }
  return limit;
}

/** The page after an opaque cursor of one integer id (keyset on id). */
export function idPageOf(limit: number, cursor: string | null | undefined): { limit: number; afterId?: number } {
  checkPageSize(limit);
  const key = decodeCursor(cursor);
  if (!key) return { limit };
  const [afterId] = key;
  if (key.length !== 1 || typeof afterId !== 'number' || !Number.isInteger(afterId) || afterId < 0 || afterId > 2_147_483_647) {
    throw new InputValidationError('Invalid cursor', ['query', 'cursor']);
  }
  return { limit, afterId };
}
