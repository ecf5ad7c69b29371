import { InputValidationError } from './errors.js';

/**
 * Opaque cursors for keyset pagination: base64url of the last row's sort key.
 * A cursor that does not decode is bad input on the `after` argument.
 *
 * Sort keys are made of what the lists order by: integer ids (PostgreSQL `serial`), timestamps as
 * `Date#toISOString()` gives them, and UUIDs. Only cursors this module could have written are
 * accepted: at most MAX_CURSOR_LENGTH characters of the base64url alphabet, canonically encoded,
 * a JSON array of 1..MAX_KEY_PARTS such values, integers within 0..2^31-1 and timestamps within
 * years 0001..9999. Anything else (`[1e308]`, `[-1]`, `["x"]`, a huge or nested array) is refused
 * here, before it reaches a query.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Longest cursor accepted (an ISO timestamp and a UUID encode to 92 characters). */
export const MAX_CURSOR_LENGTH = 256;
const MAX_KEY_PARTS = 4;
const MAX_ID = 2_147_483_647;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a UUID (any version, any case): ids of cameras, uploads, clips, events. */
export function isUuid(text: unknown): text is string {
  return typeof text === 'string' && UUID.test(text);
}

export function decodeCursor(
  cursor: string | null | undefined,
  field: readonly string[] = ['after'],
): (string | number)[] | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return undefined;
  const key = cursorKey(cursor);
  if (!key) throw new InputValidationError('Invalid cursor', [...field]);
  return key;
}

function cursorKey(cursor: string): (string | number)[] | undefined {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(key) || key.length === 0 || key.length > MAX_KEY_PARTS || !key.every(isKeyPart)) return undefined;
  // one spelling per key: what encodeCursor writes for it
  return encodeCursor(key) === cursor ? key : undefined;
}

function isKeyPart(part: unknown): part is string | number {
  if (typeof part === 'number') return Number.isSafeInteger(part) && part >= 0 && part <= MAX_ID;
  if (typeof part !== 'string') return false;
  if (UUID.test(part)) return true;
  if (!ISO_TIMESTAMP.test(part) || part.startsWith('0000')) return false;
  const time = Date.parse(part);
  return !Number.isNaN(time) && new Date(time).toISOString() === part;
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

/** Page sizes every list accepts. */
export const PAGE_LIMITS = { min: 10, max: 1000, default: 100 } as const;

/** Refuses a page size outside the bounds as bad input on the `first` argument. */
export function checkPageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < PAGE_LIMITS.min || limit > PAGE_LIMITS.max) {
    throw new InputValidationError(
      `ensure limit is between ${PAGE_LIMITS.min} and ${PAGE_LIMITS.max}`,
      ['first'],
      'out_of_range',
      { min: PAGE_LIMITS.min, max: PAGE_LIMITS.max },
    );
  }
  return limit;
}

/** Keyset page on an integer id: rows after `afterId`, at most `limit` (+1 fetched to know if more exist). */
export interface IdPage {
  readonly limit: number;
  readonly afterId?: number;
}

/** The page after an opaque cursor of one integer id (keyset on id). */
export function idPageOf(limit: number, cursor: string | null | undefined): IdPage {
  checkPageSize(limit);
  const key = decodeCursor(cursor);
  if (!key) return { limit };
  const [afterId] = key;
  if (key.length !== 1 || typeof afterId !== 'number' || !Number.isInteger(afterId)) {
    throw new InputValidationError('Invalid cursor', ['after']);
  }
  return { limit, afterId };
}

/** A list's page arguments as GraphQL gives them. */
export interface PageArgs {
  readonly limit: number;
  readonly cursor?: string | null;
}

/** The page on integer ids that the arguments ask for (bad size or cursor: bad input). */
export function idPage(args: PageArgs): IdPage {
  return idPageOf(args.limit, args.cursor);
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

/** Escapes LIKE wildcards so a user's search text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Text to search by: trimmed, empty means no filter, over 255 characters bad input at `path`. */
export function searchText(query: string | null | undefined, path: readonly string[]): string | undefined {
  const trimmed = query?.trim();
  if (trimmed && trimmed.length > 255)
    throw new InputValidationError('ensure this value has at most 255 characters', [...path], 'too_long', {
      limit: 255,
    });
  return trimmed || undefined;
}
