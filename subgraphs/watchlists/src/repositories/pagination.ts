/** Keyset page on an integer id: rows after `afterId`, at most `limit` (+1 fetched to know if more exist). */
export interface IdPage {
  readonly limit: number;
  readonly afterId?: number;
}

/** Escapes LIKE wildcards so a user's search text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
