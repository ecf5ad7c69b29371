import type { ByteRange } from '../storage/upload-store.js';

/** The answer to a Range header: one range to send (206), none satisfiable (416), or the whole content (200). */
export type RangeAnswer =
  | { readonly kind: 'partial'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' }
  | { readonly kind: 'whole' };

const WHOLE: RangeAnswer = { kind: 'whole' };
const UNSATISFIABLE: RangeAnswer = { kind: 'unsatisfiable' };
const SPEC = /^(\d*)-(\d*)$/;

/**
 * Reads `Range: bytes=…` for content of `size` bytes (RFC 9110 §14). One range is served; a
 * header that is absent, malformed, of another unit or with several ranges is ignored (the
 * whole content is sent, as the RFC allows).
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const match = /^\s*bytes\s*=\s*(.+?)\s*$/i.exec(header ?? '');
  if (!match || match[1]!.includes(',')) return WHOLE;
  const spec = SPEC.exec(match[1]!);
  if (!spec) return WHOLE;
  const [, first, last] = spec;
  if (first === '' && last === '') return WHOLE;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', range: { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) } };
}

/** Whether an If-None-Match header names this entity tag (weak comparison, `*` matches any). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
