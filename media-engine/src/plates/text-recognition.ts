/**
 * Text recognition with PaddleOCR's CRNN-style model (SVTR, CTC head): a crop of one text line,
 * resized to 48 px high, gives per time step a probability over the model's characters; the text
 * is the greedy CTC decoding of that sequence. Pure functions: the input planes and the decoding.
 */
import { cropResizeMap, sampleAffine, type RgbImage } from '../face/image-sampling.js';

/** The recogniser's input height (PaddleOCR's rec_image_shape 3×48×W). */
export const RECOGNIZER_HEIGHT = 48;
/** Input widths are a multiple of the model's horizontal stride (one CTC step per 8 columns)… */
export const RECOGNIZER_STRIDE = 8;
/** …and at least this wide. */
export const RECOGNIZER_MIN_WIDTH = 48;
/** crops wider than this many heights are squeezed (a text line longer than any plate) */
export const RECOGNIZER_MAX_RATIO = 16;

export interface Region {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * The 1×3×48×W input for one text region of `image`: the region resized to 48 px high keeping its
 * aspect ratio (bilinear), planes B, G, R scaled to −1..1, padded with zeros on the right up to a
 * multiple of RECOGNIZER_STRIDE — PaddleOCR's resize_norm_img, except that a lone line is not
 * padded to the 320 columns PaddleOCR gives a batch (the same readings on the plate fixtures, with
 * higher confidence, for less than half the work of a plate-sized line).
 */
export function recognizerInput(image: RgbImage, region: Region): { data: Float32Array; width: number } {
  const w = Math.max(1, region.x2 - region.x1);
  const h = Math.max(1, region.y2 - region.y1);
  const textWidth = Math.max(
    1,
    Math.min(RECOGNIZER_MAX_RATIO * RECOGNIZER_HEIGHT, Math.ceil((RECOGNIZER_HEIGHT * w) / h)),
  );
  const width = Math.max(RECOGNIZER_MIN_WIDTH, Math.ceil(textWidth / RECOGNIZER_STRIDE) * RECOGNIZER_STRIDE);
  const rgb = sampleAffine(
    image,
    cropResizeMap({ x: region.x1, y: region.y1, width: w, height: h }, textWidth, RECOGNIZER_HEIGHT),
    textWidth,
    RECOGNIZER_HEIGHT,
    'rgb',
    (v) => v / 127.5 - 1,
  );
  const plane = width * RECOGNIZER_HEIGHT;
  const src = textWidth * RECOGNIZER_HEIGHT;
  const data = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    // sampled planes are R, G, B; the model's are B, G, R
    const from = (2 - c) * src;
    for (let y = 0; y < RECOGNIZER_HEIGHT; y++) {
      data.set(rgb.subarray(from + y * textWidth, from + (y + 1) * textWidth), c * plane + y * width);
    }
  }
  return { data, width };
}

/**
 * The characters of the recogniser's classes: class 0 is the CTC blank, classes 1..n the lines of
 * the keys file, and the last class a space (PaddleOCR's use_space_char).
 */
export function characterSet(keysFile: string): string[] {
  const keys = keysFile.split(/\r?\n/);
  if (keys.at(-1) === '') keys.pop();
  return ['', ...keys, ' '];
}

export interface DecodedText {
  readonly text: string;
  /** mean probability of the characters kept (0 when none) */
  readonly confidence: number;
  /** each kept character's probability */
  readonly characters: readonly number[];
}

/**
 * Greedy CTC decoding of `steps` × `classes` probabilities (row-major): the most likely class per
 * step; repeats of the previous step's class and blanks (class 0) are dropped.
 */
export function ctcDecode(
  probabilities: Float32Array,
  steps: number,
  classes: number,
  charset: readonly string[],
): DecodedText {
  let text = '';
  const characters: number[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probabilities[row]!;
    for (let c = 1; c < classes; c++) {
      const p = probabilities[row + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += charset[best] ?? '';
      characters.push(bestP);
    }
    previous = best;
  }
  const confidence = characters.length ? characters.reduce((a, b) => a + b, 0) / characters.length : 0;
  return { text, confidence, characters };
}
