/** Keyset page on (created_at, id): rows after the given [created_at ISO, id]. */
export interface CreatedPage {
  readonly limit: number;
  readonly after?: readonly [string, string];
}
