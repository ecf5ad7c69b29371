/**
 * 2-D similarity transforms (rotation, uniform scale, translation), estimated from point
 * correspondences by least squares (Umeyama 1991, without reflection).
 */

export interface Point {
  x: number;
  y: number;
}

/** Maps (x, y) to (a·x − b·y + tx, b·x + a·y + ty); a = s·cos θ, b = s·sin θ. */
export interface SimilarityTransform {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export function applyTransform(t: SimilarityTransform, p: Point): Point {
  return { x: t.a * p.x - t.b * p.y + t.tx, y: t.b * p.x + t.a * p.y + t.ty };
}

export function invertTransform(t: SimilarityTransform): SimilarityTransform {
  const d = t.a * t.a + t.b * t.b;
  if (d === 0) throw new RangeError('a degenerate transform has no inverse');
  const a = t.a / d;
  const b = -t.b / d;
  return { a, b, tx: -(a * t.tx - b * t.ty), ty: -(b * t.tx + a * t.ty) };
}

export function transformScale(t: SimilarityTransform): number {
  return Math.hypot(t.a, t.b);
}

/** The similarity transform that best maps `from[i]` onto `to[i]` in the least-squares sense. */
export function estimateSimilarity(from: readonly Point[], to: readonly Point[]): SimilarityTransform {
  const n = from.length;
  if (n < 2 || n !== to.length) throw new RangeError('need at least two point pairs of equal count');
  const mean = (ps: readonly Point[]) => ({
    x: ps.reduce((s, p) => s + p.x, 0) / n,
    y: ps.reduce((s, p) => s + p.y, 0) / n,
  });
  const mf = mean(from);
  const mt = mean(to);
  // For 2-D similarities the closed form reduces to sums over the centred points.
  let dot = 0;
  let cross = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const fx = from[i]!.x - mf.x;
    const fy = from[i]!.y - mf.y;
    const gx = to[i]!.x - mt.x;
    const gy = to[i]!.y - mt.y;
    dot += fx * gx + fy * gy;
    cross += fx * gy - fy * gx;
    variance += fx * fx + fy * fy;
  }
  if (variance === 0) throw new RangeError('source points coincide');
  const a = dot / variance;
  const b = cross / variance;
  return { a, b, tx: mt.x - (a * mf.x - b * mf.y), ty: mt.y - (b * mf.x + a * mf.y) };
}
