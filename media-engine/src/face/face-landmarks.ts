/**
 * Pre- and post-processing of fr_landmark.onnx: input `input` 1×1×64×64 grey as p / 256 of a
 * square crop around the detected face (side = box height, centred on the box); output `output`
 * 1×136, the 68 points (iBUG 300-W order) as x, y fractions of that crop.
 */
import { cropResizeMap, sampleAffine, type RgbImage } from './image-sampling.js';
import type { Box } from './non-max-suppression.js';
import type { Point } from './similarity-transform.js';

export const LANDMARK_INPUT_SIZE = 64;
export const LANDMARK_COUNT = 68;

export interface SquareRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The square the landmark model looks at: side = box height, centred on the box; may extend past the image (black there). */
export function landmarkCropRegion(box: Box): SquareRegion {
  const side = box.y_max - box.y_min;
  const cx = (box.x_min + box.x_max) / 2;
  const cy = (box.y_min + box.y_max) / 2;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

export function landmarkInput(image: RgbImage, region: SquareRegion): Float32Array {
  const map = cropResizeMap(region, LANDMARK_INPUT_SIZE, LANDMARK_INPUT_SIZE);
  return sampleAffine(image, map, LANDMARK_INPUT_SIZE, LANDMARK_INPUT_SIZE, 'gray', (v) => v / 256);
}

/** The 68 points in pixels of the original image. */
export function decodeLandmarks(output: Float32Array, region: SquareRegion): Point[] {
  if (output.length < LANDMARK_COUNT * 2)
    throw new RangeError(`landmark output has ${output.length} values, expected ${LANDMARK_COUNT * 2}`);
  const points: Point[] = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    points.push({ x: region.x + output[i * 2]! * region.width, y: region.y + output[i * 2 + 1]! * region.height });
  }
  return points;
}

const mean = (points: readonly Point[], indices: readonly number[]): Point => ({
  x: indices.reduce((s, i) => s + points[i]!.x, 0) / indices.length,
  y: indices.reduce((s, i) => s + points[i]!.y, 0) / indices.length,
});

/**
 * The five alignment points from the 68: centre of the eye on the image's left (lid points
 * 37, 38, 40, 41), centre of the other eye (43, 44, 46, 47), nose tip (30), and the mouth
 * corners (outer and inner lip corner averaged: 48 + 60, 54 + 64).
 */
export function fivePointsFrom68(points: readonly Point[]): Point[] {
  if (points.length !== LANDMARK_COUNT)
    throw new RangeError(`expected ${LANDMARK_COUNT} landmarks, got ${points.length}`);
  return [
    mean(points, [37, 38, 40, 41]),
    mean(points, [43, 44, 46, 47]),
    mean(points, [30]),
    mean(points, [48, 60]),
    mean(points, [54, 64]),
  ];
}
