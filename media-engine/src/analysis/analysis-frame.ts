import type { RgbImage } from '../face/image-sampling.js';

/** A decoded frame of a camera at the analysis size (8-bit RGB), with its capture time. */
export interface AnalysisFrame extends RgbImage {
  /** when the frame was captured (arrived at the engine; see capture-clock.ts), ms since the epoch */
  readonly ts: number;
  /** position in the current decoder run, from 0 */
  readonly seq: number;
}
