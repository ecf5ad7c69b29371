/**
 * The form of a plate number used for matching, uniqueness and search: upper-case, without spaces
 * or dashes (so "ab-123 c" and "AB123C" are the same plate). Plate lists store it, and an engine
 * reading a plate reports it, so an event's plate equals a listed plate's.
 */
export function normalizePlateNumber(number: string): string {
  return number.replace(/[\s\-\u2010-\u2015\u2212]/g, '').toUpperCase();
}
