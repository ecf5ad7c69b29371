/**
 * Alignment of a face to the 112×112 ArcFace template by a similarity transform of its five
 * points, and the embedder's input: `input` 1×3×112×112 RGB as (p − 127) / 128.
 */
import { sampleAffine, type RgbImage } from './image-sampling.js';
import { estimateSimilarity, invertTransform, type Point, type SimilarityTransform } from './similarity-transform.js';

export const ALIGNED_SIZE = 112;

/** Eyes, nose tip and mouth corners of the standard ArcFace 112×112 crop (InsightFace). */
export const ARCFACE_TEMPLATE: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

/** The transform taking the face's five points (image pixels) onto the template. */
export function alignmentTransform(fivePoints: readonly Point[]): SimilarityTransform {
  return estimateSimilarity(fivePoints, ARCFACE_TEMPLATE);
}

/** The aligned crop as the embedder's input planes. */
export function embedderInput(image: RgbImage, toTemplate: SimilarityTransform): Float32Array {
  const t = invertTransform(toTemplate);
  return sampleAffine(
    image,
    [t.a, -t.b, t.tx, t.b, t.a, t.ty],
    ALIGNED_SIZE,
    ALIGNED_SIZE,
    'rgb',
    (v) => (v - 127) / 128,
  );
}
