import { idPageOf } from '@argus/core';

/** Keyset page request on an integer id: rows after `afterId`, at most `limit` (+1 fetched to know if more exist). */
export interface IdPage {
  readonly limit: number;
  readonly afterId?: number;
}

/** The page after an opaque cursor of integer ids; a bad size or cursor is bad input, not a database error. */
export const idPage: (limit: number, cursor: string | null | undefined) => IdPage = idPageOf;
