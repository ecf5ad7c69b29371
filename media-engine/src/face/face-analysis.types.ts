/** What the face analysis returns; field names follow the REST upload meta. */
import type { JobResult } from './job-result.js';
import type { Box } from './non-max-suppression.js';
import type { Point } from './similarity-transform.js';

export interface FaceDetection {
  /** Bounding box in pixels of the (EXIF-oriented) image. */
  rect: Box;
  /** The 68 landmarks (iBUG 300-W order) in pixels of the image. */
  landmarks: Point[];
  /** Detector confidence, 0..1. */
  score: number;
}

export interface FaceDescriptor {
  /** base64 of the L2-normalised float32 vector, little-endian. */
  data: string;
  /** Norm of the embedder's output before normalising. */
  norm: number;
  /** Model of the descriptor; only descriptors of one version are comparable. */
  version: string;
}

export interface FaceMeta {
  detection: FaceDetection;
  /** Null when the face was found but could not be embedded (see AnalyzedImage.warnings). */
  descriptor: FaceDescriptor | null;
}

export interface AnalyzedImage {
  width: number;
  height: number;
  /** Best detection score first. */
  faces: FaceMeta[];
  /** Per-face stages that failed or faces left out (more than maxFaces). */
  warnings: string[];
}

/** Milliseconds spent per stage; `inference` is the part of them inside ONNX Runtime. */
export interface StageTimings {
  decode: number;
  detect: number;
  landmarks: number;
  align: number;
  embed: number;
  inference: number;
  total: number;
}

/** success with the faces · skipped 'no face' · failed 'unsupported image', 'corrupt image: …', … */
export type FaceAnalysis = JobResult<AnalyzedImage> & { timings: StageTimings };
