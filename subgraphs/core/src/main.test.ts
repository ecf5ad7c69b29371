import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

/**
 * A part started with runMain whose routes fail outside any handler: /reject leaves a promise
 * rejection unhandled, /throw throws from a timer, /emit emits 'error' on a stream nobody listens to.
 */
const PART = `
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { runMain } from ${JSON.stringify(MAIN)};
await runMain('crash-test', async () => {
  const server = createServer((req, res) => {
    res.end('ok ' + req.url);
    if (req.url === '/reject') void Promise.reject(new Error('rejected rtsp://user:secret@cam/x'));
    if (req.url === '/throw') setTimeout(() => { throw new Error('thrown'); }, 0);
    if (req.url === '/emit') new Readable({ read() {} }).emit('error', new Error('emitted'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log('PORT ' + server.address().port);
  return { stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
});
`;

let dir: string;
let child: ReturnType<typeof spawn>;
let url: string;
let output = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'argus-main-'));
  const file = path.join(dir, 'part.mts');
  await writeFile(file, PART);
  child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /PORT (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('runMain keeps serving', () => {
  it('logs an unhandled rejection, an uncaught exception and an unhandled error event, and still answers', async () => {
    for (const route of ['/reject', '/throw', '/emit']) {
      expect(await (await fetch(url + route)).text()).toBe(`ok ${route}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await (await fetch(`${url}/after`)).text()).toBe('ok /after');
    }
    expect(child.exitCode).toBeNull();
    expect(output).toContain('unhandled promise rejection (kept serving)');
    expect(output).toContain('uncaught exception (kept serving)');
    expect(output).toContain('emitted');
    expect(output).not.toContain('secret');
  });
});
