/**
 * Pre- and post-processing of fr_detect.onnx, the Ultra-Light-Fast-Generic-Face-Detector RFB-320:
 * input `input` 1×3×240×320 RGB as (p − 127) / 128; outputs `scores` 1×4420×2 (background, face;
 * softmax already applied) and `boxes` 1×4420×4 (x_min, y_min, x_max, y_max as fractions of the
 * image: the priors are decoded inside the graph).
 */
import { nonMaxSuppression, type ScoredBox } from './non-max-suppression.js';
import type { RgbImage } from './image-sampling.js';

export const DETECTOR_INPUT = { width: 320, height: 240 } as const;

export interface DetectionOptions {
  /** Minimum face score (0..1). */
  scoreThreshold: number;
  /** Boxes overlapping a better one by more than this IoU are dropped. */
  iouThreshold: number;
  /** Candidates considered by NMS. */
  topK: number;
  /** Faces smaller than this many pixels (box height, original image) are dropped. */
  minFaceSize: number;
}

export const DEFAULT_DETECTION: DetectionOptions = {
  scoreThreshold: 0.7,
  iouThreshold: 0.3,
  topK: 750,
  minFaceSize: 12,
};

/** The detector's input tensor data from an image already resized to 320×240. */
export function detectorInput(resized: RgbImage): Float32Array {
  const { data, width, height } = resized;
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    out[i] = (data[i * 3]! - 127) / 128;
    out[i + plane] = (data[i * 3 + 1]! - 127) / 128;
    out[i + 2 * plane] = (data[i * 3 + 2]! - 127) / 128;
  }
  return out;
}

/**
 * Faces from the raw outputs, in pixels of the original `width` × `height` image, clamped to it,
 * best first.
 */
export function decodeDetections(
  scores: Float32Array,
  boxes: Float32Array,
  width: number,
  height: number,
  options: DetectionOptions = DEFAULT_DETECTION,
): ScoredBox[] {
  const count = Math.min(scores.length / 2, boxes.length / 4);
  const candidates: ScoredBox[] = [];
  for (let i = 0; i < count; i++) {
    const score = scores[i * 2 + 1]!;
    if (!(score >= options.scoreThreshold)) continue;
    const x_min = clamp(boxes[i * 4]! * width, 0, width);
    const y_min = clamp(boxes[i * 4 + 1]! * height, 0, height);
    const x_max = clamp(boxes[i * 4 + 2]! * width, 0, width);
    const y_max = clamp(boxes[i * 4 + 3]! * height, 0, height);
    if (y_max - y_min < options.minFaceSize || x_max - x_min <= 0) continue;
    candidates.push({ x_min, y_min, x_max, y_max, score });
  }
  return nonMaxSuppression(candidates, options.iouThreshold, options.topK);
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
