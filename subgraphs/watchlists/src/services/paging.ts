import { InputValidationError, PAGE_LIMITS, decodeCursor, toPage, type Page } from '@argus/core';
import type { IdPage } from '../repositories/pagination.js';

export interface PageArgs {
  readonly limit: number;
  readonly cursor?: string | null;
}

/** A page on integer ids from the GraphQL arguments. */
export function idPage(args: PageArgs): IdPage {
  if (!Number.isInteger(args.limit) || args.limit < PAGE_LIMITS.min || args.limit > PAGE_LIMITS.max) {
    throw new InputValidationError(
      `ensure limit is between ${PAGE_LIMITS.min} and ${PAGE_LIMITS.max}`,
      ['query', 'limit'],
      'value_error.number.not_in_range',
    );
  }
  const after = decodeCursor(args.cursor);
  if (after && (after.length !== 1 || !Number.isInteger(after[0])))
    throw new InputValidationError('Invalid cursor', ['query', 'cursor']);
  return { limit: args.limit, afterId: after ? Number(after[0]) : undefined };
}

/** Text to search by: trimmed, empty means no filter. */
export function searchText(query: string | null | undefined, path: readonly string[]): string | undefined {
  const trimmed = query?.trim();
  if (trimmed && trimmed.length > 255)
    throw new InputValidationError(
      'ensure this value has at most 255 characters',
      [...path],
      'value_error.any_str.max_length',
    );
  return trimmed || undefined;
}

/** Splits rows of many parents into one page per parent (every parent gets a page, maybe empty). */
export function pagesBy<K, T>(
  parents: readonly K[],
  rows: readonly T[],
  parentOf: (row: T) => K,
  limit: number,
  keyOf: (row: T) => (string | number)[],
): Map<K, Page<T>> {
  const groups = new Map<K, T[]>(parents.map((p) => [p, []]));
  for (const row of rows) groups.get(parentOf(row))?.push(row);
  return new Map([...groups].map(([parent, list]) => [parent, toPage(list, limit, keyOf)]));
}
