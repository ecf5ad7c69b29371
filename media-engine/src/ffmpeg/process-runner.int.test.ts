import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { runProcess, startFfmpeg, startProcess } from './process-runner.js';

const endless = [
  '-hide_banner',
  '-nostdin',
  '-nostats',
  '-loglevel',
  'error',
  '-progress',
  'pipe:1',
  '-stats_period',
  '0.2',
  '-re',
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=160x120:rate=10',
  '-f',
  'null',
  '-',
];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('process runner', () => {
  it('reports ffmpeg progress and stops it with SIGTERM', async () => {
    const frames: number[] = [];
    const proc = startFfmpeg(endless, { onProgress: (p) => frames.push(p.frame) });
    await until(() => frames.some((f) => f > 3));
    const exit = await proc.stop(5000);
    expect(exit).toMatchObject({ stopped: true, forced: false });
    expect(proc.running).toBe(false);
  });

  it('kills a process that does not answer SIGTERM after the grace period', async () => {
    // once it reports progress ffmpeg handles SIGTERM itself; stopped, it cannot (before that, the
    // kernel would end a stopped process on SIGTERM's default action)
    const frames: number[] = [];
    const proc = startFfmpeg(endless, { onProgress: (p) => frames.push(p.frame) });
    await until(() => frames.length > 0);
    proc.signal('SIGSTOP');
    const started = Date.now();
    const exit = await proc.stop(500);
    expect(exit).toMatchObject({ stopped: true, forced: true, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('keeps the last stderr lines, with credentials redacted in them and in the log', async () => {
    const { logger, lines } = capturedLogger();
    const url = 'rtsp://operator:Pa55word!@127.0.0.1:1/stream';
    const proc = startFfmpeg(
      ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url, '-f', 'null', '-'],
      { logger, secrets: ['Pa55word!'], stderrLines: 1 },
    );
    const exit = await proc.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.stderrTail).toHaveLength(1);
    expect(exit.stderrTail[0]).toBe('rtsp://***:***@127.0.0.1:1/stream: Connection refused');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of [...lines, ...exit.stderrTail]) {
      expect(line).not.toContain('Pa55word');
      expect(line).not.toContain('operator');
    }
  });

  it('times out a process run to its end', async () => {
    const result = await runProcess({ command: 'sleep', args: ['30'], timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.exit.signal).toBe('SIGTERM');
  });

  it('reports a command that cannot start', async () => {
    const proc = startProcess({ command: '/nonexistent/ffmpeg', args: [] });
    const exit = await proc.exited;
    expect(exit.error !== undefined || exit.code === 127).toBe(true);
  });

  it('takes ffmpeg down with the engine that started it', async () => {
    const script = `
      import { startFfmpeg } from ${JSON.stringify(new URL('./process-runner.ts', import.meta.url).pathname)};
      const p = startFfmpeg(${JSON.stringify(endless)});
      console.log(p.pid);
      setInterval(() => {}, 1000);`;
    const engine = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve) =>
      engine.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    expect(alive(pid)).toBe(true);
    engine.kill('SIGKILL');
    await until(() => !alive(pid), 5000);
  }, 30_000);
});
