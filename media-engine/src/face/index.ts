/** Face analysis: detection, 68 landmarks, ArcFace alignment and 512-d descriptors with ONNX Runtime. */
export { FaceAnalyzer, type FaceAnalyzerOptions } from './face-analyzer.js';
export { analyzeFaces, releaseSharedFaceAnalyzer, sharedFaceAnalyzer } from './shared-face-analyzer.js';
export type {
  AnalyzedImage,
  FaceAnalysis,
  FaceDescriptor,
  FaceDetection,
  FaceMeta,
  StageTimings,
} from './face-analysis.types.js';
export type { JobResult } from './job-result.js';
export type { Box } from './non-max-suppression.js';
export type { Point } from './similarity-transform.js';
export {
  DESCRIPTOR_LENGTH,
  DESCRIPTOR_VERSION,
  MATCH_THRESHOLD,
  cosineSimilarity,
  decodeFloat32,
  encodeFloat32,
  isSamePerson,
  l2Normalize,
  similarity,
  type DescriptorInput,
} from './descriptor-codec.js';
export { fivePointsFrom68 } from './face-landmarks.js';
export { DEFAULT_DETECTION, type DetectionOptions } from './face-detection.js';
export { FACE_IMAGE_FORMATS } from './image-decoding.js';
export { ensureFaceModels, FaceModelsUnavailableError, type FetchOptions } from './models/face-model-fetch.js';
export { DEFAULT_MODELS_DIR, FACE_MODEL_FILES, MODEL_PACKAGE, faceModelsDir } from './models/face-model-files.js';
