/**
 * The face models and where they live. They ship inside the npm package
 * faceplugin-face-recognition-js (MIT); only its .onnx files are taken (see face-model-fetch.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODEL_PACKAGE = { name: 'faceplugin-face-recognition-js', version: '0.0.1' } as const;

export interface ModelFile {
  /** File name in the models directory. */
  name: string;
  /** Path inside the package tarball. */
  entry: string;
  size: number;
  sha256: string;
}

export const FACE_MODEL_FILES = {
  detect: {
    name: 'fr_detect.onnx',
    entry: 'package/model/fr_detect.onnx',
    size: 1_217_758,
    sha256: '6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854',
  },
  landmark: {
    name: 'fr_landmark.onnx',
    entry: 'package/model/fr_landmark.onnx',
    size: 1_163_742,
    sha256: 'f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258',
  },
  feature: {
    name: 'fr_feature.onnx',
    entry: 'package/model/fr_feature.onnx',
    size: 4_884_269,
    sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
  },
} as const satisfies Record<string, ModelFile>;

export type FaceModelName = keyof typeof FACE_MODEL_FILES;

/** The repository root (this file is media-engine/src/face/models/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const DEFAULT_MODELS_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'argus-models');

/** FACE_MODELS_DIR if set, else <repo>/node_modules/.cache/argus-models. */
export function faceModelsDir(env: Record<string, string | undefined>): string {
  const configured = env.FACE_MODELS_DIR;
  return configured ? path.resolve(configured) : DEFAULT_MODELS_DIR;
}

export function modelPath(dir: string, model: FaceModelName): string {
  return path.join(dir, FACE_MODEL_FILES[model].name);
}
