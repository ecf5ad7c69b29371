import { InputValidationError, PAGE_LIMITS, decodeCursor, toPage, type Page } from '@argus/core';
import type { CreatedPage, IdPage } from '../repositories/pagination.js';
import { isUuid } from './field-rules.js';

export interface PageArgs {
  readonly limit: number;
  readonly cursor?: string | null;
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < PAGE_LIMITS.min || limit > PAGE_LIMITS.max) {
    throw new InputValidationError(
      `ensure limit is between ${PAGE_LIMITS.min} and ${PAGE_LIMITS.max}`,
      ['query', 'limit'],
      'value_error.number.not_in_range',
    );
  }
}

/** A page on integer ids from the GraphQL arguments. */
export function idPage(args: PageArgs): IdPage {
  checkLimit(args.limit);
  const after = decodeCursor(args.cursor);
  if (after && (after.length !== 1 || !Number.isInteger(after[0])))
    throw new InputValidationError('Invalid cursor', ['query', 'cursor']);
  return { limit: args.limit, afterId: after ? Number(after[0]) : undefined };
}

/** A page on (created_at, id) from the GraphQL arguments. */
export function createdPage(args: PageArgs): CreatedPage {
  checkLimit(args.limit);
  const after = decodeCursor(args.cursor);
  if (
    after &&
    (after.length !== 2 ||
      typeof after[0] !== 'string' ||
      typeof after[1] !== 'string' ||
      !isUuid(after[1]) ||
      Number.isNaN(Date.parse(after[0])))
  ) {
    throw new InputValidationError('Invalid cursor', ['query', 'cursor']);
  }
  return { limit: args.limit, after: after as [string, string] | undefined };
}

/** The cursor key of a camera: [created_at ISO, id]. */
export function cameraKey(row: { created_at: Date; id: string }): [string, string] {
  return [new Date(row.created_at).toISOString(), row.id];
}

/** Text to search by name: trimmed, empty means no filter. */
export function searchText(query: string | null | undefined): string | undefined {
  const trimmed = query?.trim();
  if (trimmed && trimmed.length > 255)
    throw new InputValidationError(
      'ensure this value has at most 255 characters',
      ['body', 'query'],
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
