import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SNIFF_BYTES } from './content-sniffing.js';
import { ContentTooLargeError, type ByteRange, type StagedContent, type UploadStore } from './upload-store.js';

const STAGING = '.staging';
/** Staged files of another host older than this belong to a writer that died (several processes may share the directory). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** Staged files are named `<host>-<pid>-<uuid>`: the writer is known. */
const STAGED_NAME = /^(.+)-(\d+)-[0-9a-f-]{36}$/;
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/**
 * Content in a local directory: `<dir>/<key>`. Staged files are written under `<dir>/.staging`
 * (same filesystem), flushed to disk, then renamed into place, which is atomic.
 */
export class LocalUploadStore implements UploadStore {
  private readonly staging: string;

  constructor(private readonly dir: string) {
    this.staging = path.join(dir, STAGING);
  }

  /**
   * Creates the directories and removes what writers that died left in the staging area:
   * files of processes of this host that no longer run, and old files of other hosts.
   */
  async open(now = Date.now()): Promise<void> {
    await fs.mkdir(this.staging, { recursive: true });
    for (const name of await fs.readdir(this.staging)) {
      const file = path.join(this.staging, name);
      const [, host, pid] = STAGED_NAME.exec(name) ?? [];
      const abandoned =
        host === hostname() && pid !== undefined
          ? !isRunning(Number(pid))
          : now - ((await fs.stat(file).catch(() => undefined))?.mtimeMs ?? now) > ABANDONED_AFTER_MS;
      if (abandoned) await fs.rm(file, { force: true });
    }
  }

  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedContent> {
    const file = path.join(this.staging, `${hostname()}-${process.pid}-${randomUUID()}`);
    const handle = await fs.open(file, 'wx', 0o600);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new ContentTooLargeError(maxBytes);
        if (headSize < SNIFF_BYTES) {
          head.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headSize)));
          headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
        }
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(file, { force: true });
      throw error;
    }
    await handle.close();
    return this.staged(file, size, hash.digest('hex'), Buffer.concat(head));
  }

  async get(key: string, range?: ByteRange): Promise<Readable | undefined> {
    const handle = await fs.open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return undefined;
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  private staged(file: string, size: number, sha256: string, head: Buffer): StagedContent {
    let done = false;
    return {
      size,
      sha256,
      head,
      bytes: () => fs.readFile(file),
      commit: async (key) => {
        const target = this.pathOf(key);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(file, target);
        done = true;
      },
      discard: async () => {
        if (!done) await fs.rm(file, { force: true });
        done = true;
      },
    };
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Invalid storage key "${key}"`);
    return path.join(this.dir, key);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
