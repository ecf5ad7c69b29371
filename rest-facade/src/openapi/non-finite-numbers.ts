import type { ValidationDetail } from './validation-errors.js';

/** pydantic's entry for a float that is no finite number. */
export const NOT_FINITE = {
  msg: 'ensure this value is a finite number',
  type: 'value_error.number.not_finite_number',
} as const;

/** A JSON number a double cannot hold (`1e999`, 309 digits or more) may be in this text. */
const HUGE_NUMBER = /[eE]\+?0*[1-9]\d{2,}|\d{309,}/;

/** How deep a body is searched; deeper bodies are refused by their schema long before. */
const MAX_DEPTH = 64;

/**
 * One 422 entry per number of a JSON body too large for a double, at its FastAPI `loc`. JSON.parse
 * reads `1e999` as Infinity, which no JSON answer or GraphQL variable can carry: validation would
 * pass it on as null and the operation would store nothing where the caller sent a number.
 */
export function nonFiniteNumberDetails(rawBody: unknown): ValidationDetail[] {
  if (typeof rawBody !== 'string' || !HUGE_NUMBER.test(rawBody)) return [];
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return [];
  }
  const found: ValidationDetail[] = [];
  visit(body, ['body'], found);
  return found;
}

function visit(value: unknown, loc: (string | number)[], found: ValidationDetail[]): void {
  if (loc.length > MAX_DEPTH) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ loc, ...NOT_FINITE });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, [...loc, index], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) visit(item, [...loc, key], found);
  }
}
