import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalUploadStore } from './local-upload-store.js';
import { ContentTooLargeError } from './upload-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'argus-store-'));
const staging = path.join(dir, '.staging');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

async function* failing() {
  yield Buffer.from('first part');
  throw new Error('connection lost');
}

describe('LocalUploadStore', () => {
  const store = new LocalUploadStore(dir);

  it('stages, hashes and commits content under a key', async () => {
    await store.open();
    const staged = await store.stage(chunks('hello ', 'world'), 100);
    expect(staged.size).toBe(11);
    expect(staged.sha256).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
    expect(staged.head.toString()).toBe('hello world');
    expect(await store.get('ab/one')).toBeUndefined();
    await staged.commit('ab/one');
    await staged.discard();
    expect(await text((await store.get('ab/one'))!)).toBe('hello world');
    expect(await text((await store.get('ab/one', { start: 6, end: 10 }))!)).toBe('world');
    expect(readdirSync(staging)).toEqual([]);
  });

  it('keeps nothing of content beyond the limit or of a source that fails', async () => {
    await expect(store.stage(chunks('12345', '6'), 5)).rejects.toBeInstanceOf(ContentTooLargeError);
    await expect(store.stage(failing(), 100)).rejects.toThrow('connection lost');
    expect(readdirSync(staging)).toEqual([]);
  });

  it('forgets discarded content and deletes committed content', async () => {
    const staged = await store.stage(chunks('draft'), 100);
    await staged.discard();
    expect(readdirSync(staging)).toEqual([]);
    await store.delete('ab/one');
    expect(await store.get('ab/one')).toBeUndefined();
  });

  it('refuses keys that leave its directory', async () => {
    await expect(store.get('../secrets')).rejects.toThrow('Invalid storage key');
    await expect(store.get('/etc/passwd')).rejects.toThrow('Invalid storage key');
  });

  it('removes on open what writers that died left behind, not what live writers are writing', async () => {
    const file = (writer: string) => {
      const name = `${writer}-${randomUUID()}`;
      writeFileSync(path.join(staging, name), 'partial');
      return name;
    };
    const dead = file(`${hostname()}-999999999`);
    const alive = file(`${hostname()}-${process.pid}`);
    const otherHostOld = file('elsewhere-12');
    const otherHostNew = file('elsewhere-13');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(staging, otherHostOld), old, old);
    await store.open();
    expect(readdirSync(staging).sort()).toEqual([alive, otherHostNew].sort());
    expect(readdirSync(staging)).not.toContain(dead);
  });
});
