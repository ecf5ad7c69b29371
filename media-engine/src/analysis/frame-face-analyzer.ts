import { DESCRIPTOR_LENGTH, encodeFloat32, l2Normalize } from '../face/descriptor-codec.js';
import { ALIGNED_SIZE, alignmentTransform, embedderInput } from '../face/face-alignment.js';
import { DEFAULT_DETECTION, DETECTOR_INPUT, decodeDetections, detectorInput } from '../face/face-detection.js';
import {
  decodeLandmarks,
  fivePointsFrom68,
  LANDMARK_INPUT_SIZE,
  landmarkCropRegion,
  landmarkInput,
} from '../face/face-landmarks.js';
import { FaceModelSessions } from '../face/face-model-sessions.js';
import { resizeRgb } from '../face/image-decoding.js';
import type { RgbImage } from '../face/image-sampling.js';
import { faceModelsDir } from '../face/models/face-model-files.js';
import type { ScoredBox } from '../face/non-max-suppression.js';

/** Milliseconds of one call: all of it, and the part inside ONNX Runtime. */
export interface InferenceClock {
  total: number;
  inference: number;
}

export interface FrameFaceDescriptor {
  /** base64 of the 512 little-endian float32 values, L2-normalised */
  readonly data: string;
  /** the embedder output's norm before normalising */
  readonly norm: number;
}

/**
 * The face analysis of face/face-analyzer.ts split in two for decoded video frames: `detect` on
 * every frame offered, `describe` (landmarks, alignment, 512-d descriptor — the same models,
 * stages and normalisation) only for the faces a track reports. Frames are already RGB, so
 * nothing is decoded; one instance (three ONNX sessions) serves every camera of the engine.
 */
export class FrameFaceAnalyzer {
  private constructor(private readonly sessions: FaceModelSessions) {}

  static async create(options: { modelsDir?: string; threads?: number } = {}): Promise<FrameFaceAnalyzer> {
    const sessions = await FaceModelSessions.load({
      modelsDir: options.modelsDir ?? faceModelsDir(process.env),
      threads: options.threads,
    });
    return new FrameFaceAnalyzer(sessions);
  }

  /** Faces with a score of at least minConfidence and a box at least minSizePx high, best first. */
  async detect(
    frame: RgbImage,
    filter: { minConfidence: number; minSizePx: number },
    clock: InferenceClock,
  ): Promise<ScoredBox[]> {
    const started = performance.now();
    try {
      const resized = await resizeRgb(frame, DETECTOR_INPUT.width, DETECTOR_INPUT.height);
      const { scores, boxes } = await this.sessions.run(
        'detect',
        detectorInput(resized),
        [1, 3, DETECTOR_INPUT.height, DETECTOR_INPUT.width],
        clock,
      );
      if (!scores || !boxes) return [];
      return decodeDetections(scores, boxes, frame.width, frame.height, {
        ...DEFAULT_DETECTION,
        scoreThreshold: filter.minConfidence,
        minFaceSize: filter.minSizePx,
      });
    } finally {
      clock.total += performance.now() - started;
    }
  }

  /** The descriptor of one detected face; null when it cannot be embedded. */
  async describe(frame: RgbImage, box: ScoredBox, clock: InferenceClock): Promise<FrameFaceDescriptor | null> {
    const started = performance.now();
    try {
      const region = landmarkCropRegion(box);
      const { output: points } = await this.sessions.run(
        'landmark',
        landmarkInput(frame, region),
        [1, 1, LANDMARK_INPUT_SIZE, LANDMARK_INPUT_SIZE],
        clock,
      );
      if (!points) return null;
      const transform = alignmentTransform(fivePointsFrom68(decodeLandmarks(points, region)));
      const { output } = await this.sessions.run(
        'feature',
        embedderInput(frame, transform),
        [1, 3, ALIGNED_SIZE, ALIGNED_SIZE],
        clock,
      );
      if (!output || output.length !== DESCRIPTOR_LENGTH) return null;
      const { vector, norm } = l2Normalize(output);
      if (!(norm > 0) || !Number.isFinite(norm)) return null;
      return { data: encodeFloat32(vector), norm };
    } catch {
      return null;
    } finally {
      clock.total += performance.now() - started;
    }
  }

  async release(): Promise<void> {
    await this.sessions.release();
  }
}

let shared: Promise<FrameFaceAnalyzer> | undefined;

/** The engine's analyzer, created on first use; a failed load is retried on the next call. */
export function sharedFrameFaceAnalyzer(): Promise<FrameFaceAnalyzer> {
  if (!shared) {
    shared = FrameFaceAnalyzer.create();
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}

export async function releaseSharedFrameFaceAnalyzer(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current.catch(() => undefined))?.release();
}
