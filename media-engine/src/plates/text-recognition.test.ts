import { describe, expect, it } from 'vitest';
import {
  characterSet,
  ctcDecode,
  RECOGNIZER_HEIGHT,
  RECOGNIZER_MIN_WIDTH,
  recognizerInput,
} from './text-recognition.js';

const charset = characterSet('A\nB\n1\n'); // 0 blank, 1 A, 2 B, 3 '1', 4 space

/** One row per step: the winning class gets p, the rest share what is left. */
function steps(winners: [number, number][], classes = charset.length): Float32Array {
  const out = new Float32Array(winners.length * classes);
  winners.forEach(([c, p], t) => {
    for (let k = 0; k < classes; k++) out[t * classes + k] = k === c ? p : (1 - p) / (classes - 1);
  });
  return out;
}

describe('CTC decoding', () => {
  it('maps the keys file to classes after the blank, with a space last', () => {
    expect(charset).toEqual(['', 'A', 'B', '1', ' ']);
    expect(characterSet('x\r\ny')).toEqual(['', 'x', 'y', ' ']);
  });

  it('drops blanks and repeats of the previous step, keeps a letter repeated across a blank', () => {
    const probs = steps([
      [0, 0.9],
      [1, 0.8],
      [1, 0.9],
      [0, 0.9],
      [1, 0.6],
      [2, 0.7],
      [4, 0.9],
      [3, 1],
      [0, 0.5],
    ]);
    const decoded = ctcDecode(probs, 9, 5, charset);
    expect(decoded.text).toBe('AAB 1');
    // the first step of each kept run: 0.8, 0.6, 0.7, 0.9, 1
    expect(decoded.characters).toEqual([0.8, 0.6, 0.7, 0.9, 1].map((p) => Math.fround(p)));
    expect(decoded.confidence).toBeCloseTo(0.8, 5);
  });

  it('reads nothing from blanks only', () => {
    expect(
      ctcDecode(
        steps([
          [0, 1],
          [0, 1],
        ]),
        2,
        5,
        charset,
      ),
    ).toEqual({ text: '', confidence: 0, characters: [] });
  });
});

describe('recogniser input', () => {
  it('resizes the region to 48 px high keeping its aspect, planes B, G, R in −1..1, zero-padded to a multiple of 8', () => {
    // a 21 × 10 red image; the region is all of it → 101 × 48, padded to 104
    const data = new Uint8Array(21 * 10 * 3);
    for (let i = 0; i < data.length; i += 3) data[i] = 255;
    const { data: input, width } = recognizerInput({ data, width: 21, height: 10 }, { x1: 0, y1: 0, x2: 21, y2: 10 });
    expect(width).toBe(104);
    expect(input).toHaveLength(3 * RECOGNIZER_HEIGHT * width);
    const plane = RECOGNIZER_HEIGHT * width;
    const at = (c: number, x: number, y: number) => input[c * plane + y * width + x]!;
    expect(at(0, 10, 20)).toBeCloseTo(-1, 5); // blue
    expect(at(1, 10, 20)).toBeCloseTo(-1, 5); // green
    expect(at(2, 10, 20)).toBeCloseTo(1, 5); // red
    expect(at(2, 60, 30)).toBeCloseTo(1, 5);
    expect(at(2, 101, 0)).toBe(0); // padding
    expect(at(2, 103, 47)).toBe(0);
  });

  it('gives a short region the minimum width and squeezes a line longer than 16 heights', () => {
    const image = { data: new Uint8Array(400 * 10 * 3), width: 400, height: 10 };
    expect(recognizerInput(image, { x1: 0, y1: 0, x2: 5, y2: 10 }).width).toBe(RECOGNIZER_MIN_WIDTH);
    expect(recognizerInput(image, { x1: 0, y1: 0, x2: 400, y2: 10 }).width).toBe(16 * 48);
  });
});
