import { InputValidationError, decodeCursor } from '@argus/core';

/** Keyset page request on an integer id: rows after `afterId`, at most `limit` (+1 fetched to know if more exist). */
export interface IdPage {
  readonly limit: number;
  readonly afterId?: number;
}

const MAX_ID = 2_147_483_647;

/** The page after an opaque cursor of integer ids; a cursor that names no id is bad input, not a database error. */
export function idPage(limit: number, cursor: string | null | undefined): IdPage {
  const key = decodeCursor(cursor);
  if (!key) return { limit };
  const [afterId] = key;
  if (key.length !== 1 || typeof afterId !== 'number' || !Number.isInteger(afterId) || afterId < 0 || afterId > MAX_ID) {
    throw new InputValidationError('Invalid cursor', ['query', 'cursor']);
  }
  return { limit, afterId };
}
