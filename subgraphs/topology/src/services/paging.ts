import {
  checkPageSize,
  searchText as searchTextAt,
  decodeCursor,
  InputValidationError,
  isUuid,
  type PageArgs,
} from '@argus/core';
import type { CreatedPage } from '../repositories/pagination.js';

/** A page on (created_at, id) from the GraphQL arguments. */
export function createdPage(args: PageArgs): CreatedPage {
  checkPageSize(args.limit);
  const after = decodeCursor(args.cursor);
  if (
    after &&
    (after.length !== 2 ||
      typeof after[0] !== 'string' ||
      typeof after[1] !== 'string' ||
      !isUuid(after[1]) ||
      Number.isNaN(Date.parse(after[0])))
  ) {
    throw new InputValidationError('Invalid cursor', ['after']);
  }
  return { limit: args.limit, after: after as [string, string] | undefined };
}

/** The cursor key of a camera: [created_at ISO, id]. */
export function cameraKey(row: { created_at: Date; id: string }): [string, string] {
  return [new Date(row.created_at).toISOString(), row.id];
}

/** Text to search by name (the `query` argument). */
export function searchText(query: string | null | undefined): string | undefined {
  return searchTextAt(query, ['query']);
}
