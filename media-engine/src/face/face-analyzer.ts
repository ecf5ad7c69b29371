/**
 * Face analysis of one image: decode → detect → per face 68 landmarks → alignment to the ArcFace
 * template → 512-d descriptor. Every stage is a job returning success | skipped | failed, so a
 * bad image or a failing face never throws out of analyze().
 */
import { DESCRIPTOR_LENGTH, DESCRIPTOR_VERSION, encodeFloat32, l2Normalize } from './descriptor-codec.js';
import { ALIGNED_SIZE, alignmentTransform, embedderInput } from './face-alignment.js';
import type { AnalyzedImage, FaceAnalysis, FaceDescriptor, FaceMeta, StageTimings } from './face-analysis.types.js';
import {
  DEFAULT_DETECTION,
  DETECTOR_INPUT,
  decodeDetections,
  detectorInput,
  type DetectionOptions,
} from './face-detection.js';
import {
  decodeLandmarks,
  fivePointsFrom68,
  LANDMARK_INPUT_SIZE,
  landmarkCropRegion,
  landmarkInput,
} from './face-landmarks.js';
import { FaceModelSessions } from './face-model-sessions.js';
import { decodeImage, resizeRgb } from './image-decoding.js';
import type { RgbImage } from './image-sampling.js';
import { failed, runJob, skipped, success, type JobResult } from './job-result.js';
import type { FetchOptions } from './models/face-model-fetch.js';
import { faceModelsDir } from './models/face-model-files.js';
import type { ScoredBox } from './non-max-suppression.js';
import type { Point, SimilarityTransform } from './similarity-transform.js';

export interface FaceAnalyzerOptions {
  /** Directory of the .onnx files; default FACE_MODELS_DIR, else <repo>/node_modules/.cache/argus-models. */
  modelsDir?: string;
  detection?: Partial<DetectionOptions>;
  /** At most this many faces (the best scored) get landmarks and descriptors. */
  maxFaces?: number;
  /** ONNX Runtime intra-op threads per inference. */
  threads?: number;
  /** How missing models are fetched; false to only use what is in modelsDir. */
  fetch?: FetchOptions | false;
}

type Clock = StageTimings;

export class FaceAnalyzer {
  private constructor(
    private readonly sessions: FaceModelSessions,
    private readonly detection: DetectionOptions,
    private readonly maxFaces: number,
  ) {}

  /** Loads the three models once (fetching them first if missing). Throws FaceModelsUnavailableError. */
  static async create(options: FaceAnalyzerOptions = {}): Promise<FaceAnalyzer> {
    const sessions = await FaceModelSessions.load({
      modelsDir: options.modelsDir ?? faceModelsDir(process.env),
      threads: options.threads,
      fetch: options.fetch,
    });
    return new FaceAnalyzer(sessions, { ...DEFAULT_DETECTION, ...options.detection }, options.maxFaces ?? 32);
  }

  /** The faces of a JPEG, PNG or WebP image, best detection first. Never throws. */
  async analyze(image: Buffer | Uint8Array): Promise<FaceAnalysis> {
    const clock: Clock = { decode: 0, detect: 0, landmarks: 0, align: 0, embed: 0, inference: 0, total: 0 };
    const started = performance.now();
    const result = await this.pipeline(image, clock);
    clock.total = performance.now() - started;
    return { ...result, timings: clock };
  }

  async release(): Promise<void> {
    await this.sessions.release();
  }

  private async pipeline(bytes: Buffer | Uint8Array, clock: Clock): Promise<JobResult<AnalyzedImage>> {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return failed('unsupported image');
    const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const decoded = await timed(clock, 'decode', () => runJob('decode', () => decodeImage(input)));
    if (decoded.status !== 'success') return decoded;
    const image = decoded.value;

    const detected = await timed(clock, 'detect', () => runJob('detect', () => this.detect(image, clock)));
    if (detected.status !== 'success') return detected;

    const warnings: string[] = [];
    const boxes = detected.value.slice(0, this.maxFaces);
    if (detected.value.length > boxes.length)
      warnings.push(`${detected.value.length - boxes.length} more faces left out (maxFaces ${this.maxFaces})`);
    const faces: FaceMeta[] = [];
    for (const [index, box] of boxes.entries()) {
      faces.push(await this.describeFace(image, box, index, clock, warnings));
    }
    return success({ width: image.width, height: image.height, faces, warnings });
  }

  private async detect(image: RgbImage, clock: Clock): Promise<JobResult<ScoredBox[]>> {
    const resized = await resizeRgb(image, DETECTOR_INPUT.width, DETECTOR_INPUT.height);
    const outputs = await this.sessions.run(
      'detect',
      detectorInput(resized),
      [1, 3, DETECTOR_INPUT.height, DETECTOR_INPUT.width],
      clock,
    );
    const { scores, boxes } = outputs;
    if (!scores || !boxes) return failed('detect: the model did not return scores and boxes');
    const faces = decodeDetections(scores, boxes, image.width, image.height, this.detection);
    return faces.length > 0 ? success(faces) : skipped('no face');
  }

  private async describeFace(
    image: RgbImage,
    box: ScoredBox,
    index: number,
    clock: Clock,
    warnings: string[],
  ): Promise<FaceMeta> {
    const rect = { x_min: box.x_min, y_min: box.y_min, x_max: box.x_max, y_max: box.y_max };
    const landmarks = await timed(clock, 'landmarks', () =>
      runJob('landmarks', () => this.landmarks(image, box, clock)),
    );
    if (landmarks.status !== 'success') {
      warnings.push(`face ${index}: ${landmarks.reason}`);
      return { detection: { rect, landmarks: [], score: box.score }, descriptor: null };
    }
    const detection = { rect, landmarks: landmarks.value, score: box.score };
    const aligned = await timed(clock, 'align', () => runJob('align', () => align(image, landmarks.value)));
    if (aligned.status !== 'success') {
      warnings.push(`face ${index}: ${aligned.reason}`);
      return { detection, descriptor: null };
    }
    const descriptor = await timed(clock, 'embed', () => runJob('embed', () => this.embed(aligned.value, clock)));
    if (descriptor.status !== 'success') {
      warnings.push(`face ${index}: ${descriptor.reason}`);
      return { detection, descriptor: null };
    }
    return { detection, descriptor: descriptor.value };
  }

  private async landmarks(image: RgbImage, box: ScoredBox, clock: Clock): Promise<JobResult<Point[]>> {
    const region = landmarkCropRegion(box);
    const size = LANDMARK_INPUT_SIZE;
    const { output } = await this.sessions.run('landmark', landmarkInput(image, region), [1, 1, size, size], clock);
    if (!output) return failed('landmarks: the model returned no output');
    return success(decodeLandmarks(output, region));
  }

  private async embed(input: Float32Array, clock: Clock): Promise<JobResult<FaceDescriptor>> {
    const { output } = await this.sessions.run('feature', input, [1, 3, ALIGNED_SIZE, ALIGNED_SIZE], clock);
    if (!output || output.length !== DESCRIPTOR_LENGTH)
      return failed(`embed: expected ${DESCRIPTOR_LENGTH} values, got ${output?.length ?? 0}`);
    const { vector, norm } = l2Normalize(output);
    if (!(norm > 0) || !Number.isFinite(norm)) return failed('embed: the descriptor has no direction');
    return success({ data: encodeFloat32(vector), norm, version: DESCRIPTOR_VERSION });
  }
}

function align(image: RgbImage, landmarks: Point[]): JobResult<Float32Array> {
  const transform: SimilarityTransform = alignmentTransform(fivePointsFrom68(landmarks));
  return success(embedderInput(image, transform));
}

async function timed<T>(clock: Clock, stage: keyof Clock, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    clock[stage] += performance.now() - started;
  }
}
