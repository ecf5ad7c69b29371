/**
 * One FaceAnalyzer per process, created on first use (models fetched then if missing), for
 * callers such as the uploads service that just want the meta of an image.
 */
import { FaceAnalyzer, type FaceAnalyzerOptions } from './face-analyzer.js';
import type { FaceAnalysis } from './face-analysis.types.js';

let shared: Promise<FaceAnalyzer> | undefined;

/** The process's analyzer; `options` count only on the first call. A failed load is retried on the next call. */
export function sharedFaceAnalyzer(options?: FaceAnalyzerOptions): Promise<FaceAnalyzer> {
  if (!shared) {
    shared = FaceAnalyzer.create(options);
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}

/** Analyzes with the shared analyzer; models that cannot be loaded give a failed result, not a throw. */
export async function analyzeFaces(image: Buffer | Uint8Array, options?: FaceAnalyzerOptions): Promise<FaceAnalysis> {
  let analyzer: FaceAnalyzer;
  try {
    analyzer = await sharedFaceAnalyzer(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 'failed',
      reason,
      timings: { decode: 0, detect: 0, landmarks: 0, align: 0, embed: 0, inference: 0, total: 0 },
    };
  }
  return analyzer.analyze(image);
}

/** Releases the shared analyzer's sessions (process shutdown). */
export async function releaseSharedFaceAnalyzer(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current.catch(() => undefined))?.release();
}
