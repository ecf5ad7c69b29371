/**
 * The form of a plate number used for matching and search: upper-case, without spaces or dashes
 * (the watchlists part's rule for plate lists, so an event's plate equals a listed plate's).
 */
export function normalizePlate(number: string): string {
  return number.replace(/[\s\-\u2010-\u2015\u2212]/g, '').toUpperCase();
}
