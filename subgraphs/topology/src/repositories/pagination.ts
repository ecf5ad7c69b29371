/** Keyset page on an integer id: rows after `afterId`, at most `limit` (+1 fetched to know if more exist). */
export interface IdPage {
  readonly limit: number;
  readonly afterId?: number;
}

/** Keyset page on (created_at, id): rows after the given [created_at ISO, id]. */
export interface CreatedPage {
  readonly limit: number;
  readonly after?: readonly [string, string];
}

/** Escapes LIKE wildcards so a user's search text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
