import type { ValidationDetail } from './validation-errors.js';

/**
 * The 422 entry for a string holding U+0000, which PostgreSQL cannot store in text and no name,
 * search or filter needs.
 */
export const NUL_CHARACTER = {
  msg: 'string contains a NUL character (\\u0000), which is not allowed',
  type: 'value_error.str.nul_character',
} as const;

/**
 * pydantic's entry for a float that is no finite number: JSON.parse reads a number too large for a
 * double (`1e999`) as Infinity, which no JSON answer or GraphQL variable can carry (it would reach
 * the operation as null, and the operation would store nothing where the caller sent a number).
 */
export const NOT_FINITE = {
  msg: 'ensure this value is a finite number',
  type: 'value_error.number.not_finite_number',
} as const;

/** The parsed request as openapi-backend hands it over: path parameters, query, body. */
export interface ParsedParts {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly requestBody?: unknown;
}

/**
 * One 422 entry per value of the request no operation can take, at its FastAPI `loc`
 * (`["body","name"]`, `["query","q"]`, `["path","id"]`): a string (path, query, body or form, at
 * any depth, keys included) that holds a NUL character — path parameters are checked decoded as
 * well (`%00`) — and a number of the body that is not finite.
 */
export function refusedValueDetails(request: ParsedParts): ValidationDetail[] {
  const found: ValidationDetail[] = [];
  visit(request.params, ['path'], found, true);
  visit(request.query, ['query'], found, false);
  visit(request.requestBody, ['body'], found, false);
  return found;
}

/** How deep a body is searched; deeper bodies are refused by their schema long before. */
const MAX_DEPTH = 64;

function visit(value: unknown, loc: (string | number)[], found: ValidationDetail[], decode: boolean): void {
  if (loc.length > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (hasNul(value, decode)) found.push({ loc, ...NUL_CHARACTER });
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ loc, ...NOT_FINITE });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, [...loc, index], found, decode));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasNul(key, decode)) found.push({ loc: [...loc, key], ...NUL_CHARACTER });
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
