/**
 * Face meta of an image (`meta` of an upload): where a face is and its descriptor. The media
 * subgraph stores it with face_image uploads; the analysis itself is done by a FaceMetaProvider
 * (the media engine's face analyzer in production, a fake in tests).
 */

export interface FaceRect {
  readonly x_min: number;
  readonly y_min: number;
  readonly x_max: number;
  readonly y_max: number;
}

export interface FacePoint {
  readonly x: number;
  readonly y: number;
}

export interface FaceDetection {
  /** the face box in pixels of the image */
  readonly rect: FaceRect;
  readonly landmarks: readonly FacePoint[];
  /** detector confidence in [0, 1] */
  readonly score?: number;
}

export interface FaceDescriptor {
  /** base64 of the little-endian float32 vector, L2-normalised */
  readonly data: string;
  /** the vector's norm before normalising */
  readonly norm: number;
  /** the model that produced it: descriptors of different versions are never compared */
  readonly version?: string;
}

export interface FaceMeta {
  readonly detection: FaceDetection | null;
  readonly descriptor: FaceDescriptor | null;
}

/**
 * Every face found (an empty list when there is none), why this image could not be analysed
 * (the image's fault), or why nothing can be analysed now (the analyzer's: models not loaded).
 */
export type FaceMetaResult =
  | { readonly status: 'success'; readonly faces: readonly FaceMeta[] }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'unavailable'; readonly reason: string };

export interface FaceMetaProvider {
  analyze(image: Buffer): Promise<FaceMetaResult>;
}
