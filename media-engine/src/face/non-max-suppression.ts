/** Greedy non-maximum suppression over scored boxes. */

export interface Box {
  x_min: number;
  y_min: number;
  x_max: number;
  y_max: number;
}

export interface ScoredBox extends Box {
  score: number;
}

export function boxArea(b: Box): number {
  return Math.max(0, b.x_max - b.x_min) * Math.max(0, b.y_max - b.y_min);
}

/** Intersection over union of two boxes, 0 when either is empty. */
export function intersectionOverUnion(a: Box, b: Box): number {
  const w = Math.min(a.x_max, b.x_max) - Math.max(a.x_min, b.x_min);
  const h = Math.min(a.y_max, b.y_max) - Math.max(a.y_min, b.y_min);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Keeps the best-scoring boxes, dropping any box whose IoU with an already kept one exceeds
 * `iouThreshold`. Considers at most `topK` candidates; returns them by descending score.
 */
export function nonMaxSuppression<T extends ScoredBox>(
  boxes: readonly T[],
  iouThreshold: number,
  topK = Infinity,
): T[] {
  const sorted = boxes
    .filter((b) => boxArea(b) > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, topK);
  const kept: T[] = [];
  for (const candidate of sorted) {
    if (kept.every((k) => intersectionOverUnion(k, candidate) <= iouThreshold)) kept.push(candidate);
  }
  return kept;
}
