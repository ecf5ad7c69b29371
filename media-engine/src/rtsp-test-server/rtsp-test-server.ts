import { fileURLToPath } from 'node:url';
import type { Logger } from '@argus/core';
import { startProcess, type RunningProcess } from '../ffmpeg/process-runner.js';

/** GStreamer's RTSP server from Debian (rtsp-test-server.py), for tests and benchmarks. */
export interface RtspTestServerOptions {
  width?: number;
  height?: number;
  fps?: number;
  bitrateKbps?: number;
  /** Frames between key frames (default: fps, one per second). */
  keyint?: number;
  /** videotestsrc pattern (ball, smpte, snow…). */
  pattern?: string;
  /** Constant bit rate with filler data, like a camera (else simple test images need far less). */
  cbr?: boolean;
  /** An MP4 with H.264 video to serve instead of the test source. */
  file?: string;
  /** G.711 audio and no video. */
  audioOnly?: boolean;
  /** Basic authentication. */
  user?: string;
  password?: string;
  host?: string;
  /** 0 = any free port (default). */
  port?: number;
  path?: string;
  python?: string;
  readyTimeoutMs?: number;
  logger?: Logger;
}

export interface RtspTestServer {
  /** Without credentials. */
  readonly url: string;
  /** With the credentials in it, when the server has some. */
  readonly urlWithCredentials: string;
  readonly port: number;
  readonly pid: number | undefined;
  readonly process: RunningProcess;
  /** SIGTERM (clients see the end of the stream), SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** A new server with the same options on the same port. */
  restart(): Promise<RtspTestServer>;
}

export const RTSP_TEST_SERVER_SCRIPT = fileURLToPath(new URL('./rtsp-test-server.py', import.meta.url));

export async function startRtspTestServer(options: RtspTestServerOptions = {}): Promise<RtspTestServer> {
  const o = { host: '127.0.0.1', port: 0, path: '/stream', ...options };
  const args = [RTSP_TEST_SERVER_SCRIPT, '--host', o.host, '--port', String(o.port), '--path', o.path];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) args.push(flag, String(value));
  };
  add('--width', o.width);
  add('--height', o.height);
  add('--fps', o.fps);
  add('--bitrate', o.bitrateKbps);
  add('--keyint', o.keyint);
  add('--pattern', o.pattern);
  add('--file', o.file);
  add('--user', o.user);
  add('--password', o.password);
  if (o.cbr) args.push('--cbr');
  if (o.audioOnly) args.push('--audio-only');

  let onReady: (port: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => {
    onReady = resolve;
  });
  const proc = startProcess({
    command: o.python ?? '/usr/bin/python3',
    args,
    secrets: o.password ? [o.password] : [],
    logger: o.logger,
    onStdoutLine: (line) => {
      const m = /^READY port=(\d+)/.exec(line);
      if (m) onReady(Number(m[1]));
    },
  });
  const failed = proc.exited.then((exit) => {
    throw new Error(
      `RTSP test server ended before listening (${exit.error ?? exit.signal ?? `code ${exit.code}`}): ${exit.stderrTail.slice(-5).join(' | ')}`,
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('RTSP test server did not start in time')), o.readyTimeoutMs ?? 15_000);
  });
  let port: number;
  try {
    port = await Promise.race([ready, failed, timeout]);
  } catch (err) {
    await proc.stop(1000);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  failed.catch(() => undefined);

  const url = `rtsp://${o.host}:${port}${o.path}`;
  const credentials = o.user ? `${encodeURIComponent(o.user)}:${encodeURIComponent(o.password ?? '')}@` : '';
  return {
    url,
    urlWithCredentials: credentials ? `rtsp://${credentials}${o.host}:${port}${o.path}` : url,
    port,
    pid: proc.pid,
    process: proc,
    stop: async () => {
      await proc.stop(3000);
    },
    restart: async () => {
      await proc.stop(3000);
      return startRtspTestServer({ ...options, port });
    },
  };
}
