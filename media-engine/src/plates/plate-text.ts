import { normalizePlateNumber } from '@argus/core';

/** Lengths of a plausible plate number, normalised (the shortest and longest plates in common use). */
export const PLATE_LENGTH = { min: 4, max: 10 } as const;

/**
 * A text line read off a frame as a plate number, or undefined when it cannot be one.
 * Full-width and compatibility forms are folded (NFKC), then the plate lists' normalisation
 * (`normalizePlateNumber`: upper-case, no spaces or dashes), then punctuation and symbols are
 * dropped (a plate's border or screws read as `|`, `[`, `.`). What remains must be Latin letters
 * and digits only, PLATE_LENGTH long, with at least one digit (so that words on signs, shop
 * fronts and vehicles are not taken for plates).
 */
export function plateNumberOf(read: string): string | undefined {
  const folded = normalizePlateNumber(read.normalize('NFKC')).replace(/[\p{P}\p{S}]/gu, '');
  if (!/^[A-Z0-9]+$/.test(folded)) return undefined;
  if (folded.length < PLATE_LENGTH.min || folded.length > PLATE_LENGTH.max) return undefined;
  if (!/[0-9]/.test(folded)) return undefined;
  return folded;
}

/** Edits (insertions, deletions, substitutions) turning one number into the other (Levenshtein). */
export function plateDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Whether two readings can be of the same plate: at most a third of the longer one's characters
 * (and at least one) differ — a misread or a lost character, not another vehicle's number.
 */
export function samePlate(a: string, b: string): boolean {
  return plateDistance(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 3));
}
