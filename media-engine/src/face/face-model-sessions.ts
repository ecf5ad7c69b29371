/** The three ONNX Runtime sessions of the face pipeline, loaded once. */
import * as ort from 'onnxruntime-node';
import {
  checkModelFile,
  ensureFaceModels,
  FaceModelsUnavailableError,
  type FetchOptions,
} from './models/face-model-fetch.js';
import { FACE_MODEL_FILES, modelPath, type FaceModelName } from './models/face-model-files.js';

export interface SessionOptions {
  /** Directory of the .onnx files; fetched there first when missing (unless `fetch` is false). */
  modelsDir: string;
  /**
   * Threads ONNX Runtime uses inside one inference (default 1: concurrent images then use the
   * cores, and nothing spins waiting on a busy machine; a lone image gets no faster with more
   * threads for models this small).
   */
  threads?: number;
  fetch?: FetchOptions | false;
}

export class FaceModelSessions {
  private constructor(private readonly sessions: Record<FaceModelName, ort.InferenceSession>) {}

  static async load(options: SessionOptions): Promise<FaceModelSessions> {
    if (options.fetch !== false) await ensureFaceModels(options.modelsDir, options.fetch);
    else await requireModels(options.modelsDir);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      interOpNumThreads: 1,
      intraOpNumThreads: options.threads ?? 1,
    };
    const load = (name: FaceModelName) =>
      ort.InferenceSession.create(modelPath(options.modelsDir, name), sessionOptions);
    const [detect, landmark, feature] = await Promise.all([load('detect'), load('landmark'), load('feature')]);
    return new FaceModelSessions({ detect, landmark, feature });
  }

  /**
   * Runs `model` on one float32 tensor named `input`; returns the named outputs' data and adds
   * the milliseconds spent in ONNX Runtime to `clock.inference`.
   */
  async run(
    model: FaceModelName,
    input: Float32Array,
    dims: readonly number[],
    clock: { inference: number },
  ): Promise<Record<string, Float32Array>> {
    const started = performance.now();
    try {
      const outputs = await this.sessions[model].run({ input: new ort.Tensor('float32', input, dims) });
      const result: Record<string, Float32Array> = {};
      for (const [name, tensor] of Object.entries(outputs)) result[name] = tensor.data as Float32Array;
      return result;
    } finally {
      clock.inference += performance.now() - started;
    }
  }

  async release(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
  }
}

async function requireModels(dir: string): Promise<void> {
  for (const file of Object.values(FACE_MODEL_FILES)) {
    const problem = await checkModelFile(dir, file);
    if (problem) throw new FaceModelsUnavailableError(`face models unavailable: ${file.name} in ${dir}: ${problem}`);
  }
}
