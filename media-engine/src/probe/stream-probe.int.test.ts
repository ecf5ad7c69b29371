import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspTestServer, type RtspTestServer } from '../rtsp-test-server/rtsp-test-server.js';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { streamInfo, StreamProbeError, verifyStream } from './stream-probe.js';

const PASSWORD = 'pr0be:p@ss/word';
const fixture = fileURLToPath(new URL('../../../test/fixtures/video/vtest-h264.mp4', import.meta.url));
const { logger, lines } = capturedLogger();

let open: RtspTestServer;
let secured: RtspTestServer;
let audioOnly: RtspTestServer;
let file: RtspTestServer;
let silent: Server;
let silentPort: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  [open, secured, audioOnly, file] = await Promise.all([
    startRtspTestServer({ width: 640, height: 480, fps: 25, bitrateKbps: 800, cbr: true }),
    startRtspTestServer({ width: 320, height: 240, fps: 10, user: 'admin', password: PASSWORD }),
    startRtspTestServer({ audioOnly: true }),
    startRtspTestServer({ file: fixture }),
  ]);
  // Accepts connections and never answers: a camera that hangs.
  silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  silent?.close();
  await Promise.all([open, secured, audioOnly, file].map((s) => s?.stop()));
});

describe('verifyStream', () => {
  it('answers ok for a playing source', async () => {
    expect(await verifyStream(open.url, 10_000, { logger })).toEqual({ ok: true });
  });

  it('answers unreachable quickly for a port nobody listens on', async () => {
    const started = Date.now();
    const result = await verifyStream('rtsp://127.0.0.1:1/stream', 10_000, { logger });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers unreachable for an unknown path', async () => {
    expect(await verifyStream(`${open.url}-nope`, 10_000)).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  // The GStreamer test server has failed a handful of PLAYs under a fully loaded CI machine
  // ("Operation not permitted" from ffprobe): the server-bound tests get one more try.
  it('answers unauthorized without credentials or with wrong ones, ok with the right ones', { retry: 2 }, async () => {
    const wrong = secured.url.replace('rtsp://', 'rtsp://admin:wrong@');
    const [none, bad] = await Promise.all([
      verifyStream(secured.url, 10_000, { logger }),
      verifyStream(wrong, 10_000, { logger }),
    ]);
    expect(none).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(bad).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(bad.ok ? '' : bad.detail).not.toContain('wrong');
    expect(await verifyStream(secured.urlWithCredentials, 10_000, { logger })).toEqual({ ok: true });
    const asSource = { url: secured.url, username: 'admin', password: PASSWORD, transport: 'tcp' as const };
    expect(await verifyStream(asSource, 10_000, { logger })).toEqual({ ok: true });
  });

  it('answers no_video for a source with audio only', async () => {
    expect(await verifyStream(audioOnly.url, 10_000)).toMatchObject({ ok: false, reason: 'no_video' });
  });

  it('answers timeout within the time given when the source never answers', async () => {
    const started = Date.now();
    const result = await verifyStream(`rtsp://127.0.0.1:${silentPort}/stream`, 2000);
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(elapsed).toBeLessThan(3500);
  });
});

describe('streamInfo', () => {
  it('reports frame rate, bit rate, size and codec of the test stream', async () => {
    const info = await streamInfo(open.url, { logger });
    expect(info).toMatchObject({ frameRate: 25, width: 640, height: 480, codec: 'h264' });
    expect(info.bitRate).toBeGreaterThan(300_000);
    expect(info.bitRate).toBeLessThan(1_300_000);
  });

  it('reports a real video served from a file', async () => {
    const info = await streamInfo(file.url);
    expect(info).toMatchObject({ frameRate: 10, width: 768, height: 576, codec: 'h264' });
    expect(info.bitRate).toBeGreaterThan(50_000);
  });

  it('says why when it cannot', { retry: 2 }, async () => {
    const error = await streamInfo(secured.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamProbeError);
    expect((error as StreamProbeError).reason).toBe('unauthorized');
  });

  it('logged no credential', () => {
    for (const line of lines) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(encodeURIComponent(PASSWORD));
    }
  });
});
