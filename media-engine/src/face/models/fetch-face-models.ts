/**
 * `npm run models:face` and the root postinstall: puts the face models into FACE_MODELS_DIR (or
 * node_modules/.cache/argus-models). As a postinstall it reports a failure without failing the
 * install; the analyzer fetches again on first use and fails clearly if it still cannot.
 */
import { ensureFaceModels, FaceModelsUnavailableError } from './face-model-fetch.js';
import { faceModelsDir } from './face-model-files.js';

const asPostinstall = process.argv.includes('--postinstall');
const dir = faceModelsDir(process.env);
try {
  const { fetched } = await ensureFaceModels(dir, { log: (m) => console.log(m) });
  console.log(fetched ? `face models: ready in ${dir}` : `face models: already in ${dir}`);
} catch (error) {
  const message = error instanceof FaceModelsUnavailableError ? error.message : `face models: ${String(error)}`;
  console.error(message);
  if (!asPostinstall) process.exitCode = 1;
}
