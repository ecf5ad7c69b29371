import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeViewer, openDatabase, type Database, type Viewer } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { LocalUploadStore } from './storage/local-upload-store.js';
import { KEYS } from '../test/harness.js';
import { freePort, until } from '../../../test/support/waiting.js';

/**
 * The media part as its own process (npm run start:media), killed with SIGKILL while a file is
 * streaming in: nothing of the upload may survive, neither a record nor a file.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'argus-media-crash-'));
const uploadsDir = path.join(dataDir, 'uploads');
const staging = path.join(uploadsDir, '.staging');
const viewer: Viewer = {
  userId: 1,
  organizationId: 1,
  isSuperuser: true,
  roleId: 1,
  permissions: [],
  groupIds: [],
  tokenId: 'crash-test',
};

let server: Database | undefined;
let child: ChildProcess | undefined;
let port: number;

beforeAll(async () => {
  // with DATABASE_URL the process uses a fresh server database; otherwise its own embedded one in dataDir
  server = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
  port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/media/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...KEYS,
      ARGUS_DATA_DIR: dataDir,
      UPLOADS_DIR: uploadsDir,
      MEDIA_PORT: String(port),
      LOG_LEVEL: 'warn',
      IDENTITY_URL: 'http://127.0.0.1:9/graphql',
      FACE_ANALYSIS: 'false',
      DATABASE_URL: (server as { url?: string } | undefined)?.url ?? '',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  await until(
    async () => {
      if (child!.exitCode !== null) throw new Error(`the media process exited: ${stderr}`);
      return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true;
    },
    90_000,
    'the media process to start',
  );
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a media process killed mid-upload', () => {
  it('leaves no record and no file behind', async () => {
    const head =
      '--B\r\ncontent-disposition: form-data; name="upload_data"; filename="big.jpg"\r\ncontent-type: image/jpeg\r\n\r\n';
    const upload = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/uploads?kind=avatar',
      headers: {
        'content-type': 'multipart/form-data; boundary=B',
        'content-length': String(1024 * 1024),
        'x-argus-viewer': encodeViewer(viewer, KEYS.ARGUS_INTERNAL_KEY),
      },
    });
    upload.on('error', () => undefined);
    upload.write(head);
    upload.write(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256 * 1024, 7)]));
    await until(() => existsSync(staging) && readdirSync(staging).length === 1, 10_000, 'the upload to be staged');

    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGKILL');
    await exited;
    upload.destroy();

    const stored = readdirSync(uploadsDir, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && !e.parentPath.startsWith(staging),
    );
    expect(stored).toEqual([]);
    const database = server ?? (await openDatabase({ dataDir: path.join(dataDir, 'pglite') }));
    try {
      const { count } = await database.db
        .withSchema('media')
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(Number(count)).toBe(0);
    } finally {
      if (!server) await database.close();
    }
    // the next start of the store clears what the dead writer had staged
    await new LocalUploadStore(uploadsDir).open();
    expect(readdirSync(staging)).toEqual([]);
  });
});
