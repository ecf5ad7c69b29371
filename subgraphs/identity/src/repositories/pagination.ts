/** Keyset page request on an integer id: rows after `afterId`, at most `limit` (+1 fetched to know if more exist). */
export interface IdPage {
  readonly limit: number;
  readonly afterId?: number;
}
