import type { ValidationDetail } from './validation-errors.js';

/**
 * The 422 entry for a string holding U+0000, which PostgreSQL cannot store in text and no name,
 * search or filter needs.
 */
export const NUL_CHARACTER = {
  msg: 'string contains a NUL character (\\u0000), which is not allowed',
  type: 'value_error.str.nul_character',
} as const;

/** The parsed request as openapi-backend hands it over: path parameters, query, body. */
export interface ParsedParts {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly requestBody?: unknown;
}

/**
 * One 422 entry per string of the request (path, query, body or form, at any depth, keys
 * included) that holds a NUL character, at its FastAPI `loc` (`["body","name"]`, `["query","q"]`,
 * `["path","id"]`). Path parameters are checked decoded as well (`%00`).
 */
export function nulCharacterDetails(request: ParsedParts): ValidationDetail[] {
  const found: (string | number)[][] = [];
  visit(request.params, ['path'], found, true);
  visit(request.query, ['query'], found, false);
  visit(request.requestBody, ['body'], found, false);
  return found.map((loc) => ({ loc, ...NUL_CHARACTER }));
}

/** How deep a body is searched; deeper bodies are refused by their schema long before. */
const MAX_DEPTH = 64;

function visit(value: unknown, loc: (string | number)[], found: (string | number)[][], decode: boolean): void {
  if (loc.length > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (hasNul(value, decode)) found.push(loc);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, [...loc, index], found, decode));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasNul(key, decode)) found.push([...loc, key]);
      else visit(item, [...loc, key], found, decode);
    }
  }
}

function hasNul(text: string, decode: boolean): boolean {
  if (text.includes('\u0000')) return true;
  if (!decode || !text.includes('%')) return false;
  try {
    return decodeURIComponent(text).includes('\u0000');
  } catch {
    return /%00/i.test(text);
  }
}
