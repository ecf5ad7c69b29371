/**
 * Reading plates off decoded frames: text detection over the whole frame, then recognition of
 * each text line shaped like a plate's, each reading turned into a plate number or dropped.
 * One instance (two ONNX sessions) serves every camera of an engine.
 */
import { resizeRgb } from '../face/image-decoding.js';
import type { RgbImage } from '../face/image-sampling.js';
import { PlateOcrSessions, type PlateSessionOptions } from './plate-ocr-sessions.js';
import { plateNumberOf } from './plate-text.js';
import { DB_DEFAULTS, detectorInput, detectorSize, scaleBox, textBoxes, type TextBox } from './text-detection.js';
import { ctcDecode, RECOGNIZER_HEIGHT, recognizerInput } from './text-recognition.js';

/** Milliseconds of one call: all of it, and the part inside ONNX Runtime. */
export interface OcrClock {
  total: number;
  inference: number;
}

export interface PlateFilter {
  /** a text line's detection score and its reading's confidence must both reach this */
  readonly minConfidence: number;
  /** a text line narrower than this (frame pixels) is not read */
  readonly minSizePx: number;
}

/** One plate read off a frame. */
export interface PlateRead {
  /** the text line's box in frame pixels, [x1, y1, x2, y2] rounded into the frame */
  readonly box: [number, number, number, number];
  readonly detectionScore: number;
  /** the normalised plate number */
  readonly number: string;
  /** the recogniser's mean character probability */
  readonly confidence: number;
  /** what the recogniser read, before normalisation */
  readonly text: string;
}

/**
 * The detector sees the frame scaled to this longer side at most (PaddleOCR's det_limit_side_len
 * is 960): the 640-wide analysed frames at 0.75, where a plate of the default min_size_px (60) is
 * still 45 px wide. Every fixture plate is found the same at 480 as at 960, for a third of the work;
 * recognition reads the crop from the full frame.
 */
export const DETECTOR_MAX_SIDE = 480;
/** a plate's text line is at least this many times as wide as high */
const MIN_ASPECT = 1.5;
/** at most this many text lines are read per frame (the widest first) */
const MAX_LINES = 8;

export class FramePlateReader {
  private constructor(private readonly sessions: PlateOcrSessions) {}

  static async create(options: PlateSessionOptions = {}): Promise<FramePlateReader> {
    return new FramePlateReader(await PlateOcrSessions.load(options));
  }

  /** Text lines of the frame that may be plates: score ≥ minConfidence, width ≥ minSizePx, plate-shaped. */
  async locate(frame: RgbImage, filter: PlateFilter, clock: OcrClock): Promise<TextBox[]> {
    const started = performance.now();
    try {
      const size = detectorSize(frame.width, frame.height, DETECTOR_MAX_SIDE);
      const resized =
        size.width === frame.width && size.height === frame.height
          ? frame
          : await resizeRgb(frame, size.width, size.height);
      const { data } = await this.sessions.run(
        'detect',
        detectorInput(resized),
        [1, 3, size.height, size.width],
        clock,
      );
      return textBoxes(data, size.width, size.height, { ...DB_DEFAULTS, minScore: filter.minConfidence })
        .map((box) => scaleBox(box, size, frame))
        .filter((b) => b.x2 - b.x1 >= filter.minSizePx && b.x2 - b.x1 >= MIN_ASPECT * (b.y2 - b.y1))
        .sort((a, b) => b.x2 - b.x1 - (a.x2 - a.x1))
        .slice(0, MAX_LINES);
    } finally {
      clock.total += performance.now() - started;
    }
  }

  /** The reading of one text line; undefined when it is no plausible plate number or not confident enough. */
  async recognize(frame: RgbImage, box: TextBox, filter: PlateFilter, clock: OcrClock): Promise<PlateRead | undefined> {
    const started = performance.now();
    try {
      const input = recognizerInput(frame, box);
      const { data, dims } = await this.sessions.run(
        'recognize',
        input.data,
        [1, 3, RECOGNIZER_HEIGHT, input.width],
        clock,
      );
      const steps = dims[1] ?? 0;
      const classes = dims[2] ?? 0;
      const decoded = ctcDecode(data, steps, classes, this.sessions.charset);
      const number = plateNumberOf(decoded.text);
      if (!number || decoded.confidence < filter.minConfidence) return undefined;
      return {
        box: [
          Math.max(0, Math.round(box.x1)),
          Math.max(0, Math.round(box.y1)),
          Math.min(frame.width, Math.round(box.x2)),
          Math.min(frame.height, Math.round(box.y2)),
        ],
        detectionScore: box.score,
        number,
        confidence: decoded.confidence,
        text: decoded.text,
      };
    } finally {
      clock.total += performance.now() - started;
    }
  }

  /** Every plate read off the frame. */
  async read(frame: RgbImage, filter: PlateFilter, clock: OcrClock): Promise<PlateRead[]> {
    const reads: PlateRead[] = [];
    for (const box of await this.locate(frame, filter, clock)) {
      const read = await this.recognize(frame, box, filter, clock);
      if (read) reads.push(read);
    }
    return reads;
  }

  async release(): Promise<void> {
    await this.sessions.release();
  }
}

let shared: Promise<FramePlateReader> | undefined;

/** The engine's reader, created on first use; a failed load is retried on the next call. */
export function sharedFramePlateReader(): Promise<FramePlateReader> {
  if (!shared) {
    shared = FramePlateReader.create();
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}

export async function releaseSharedFramePlateReader(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current.catch(() => undefined))?.release();
}
