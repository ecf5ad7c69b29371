import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnavailableError } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/waiting.js';
import { StreamServerClient } from './client/stream-server-client.js';
import { signedInternalPost } from './client/signed-request.js';
import { StreamProbeError } from './probe/stream-probe.js';
import { signingKey } from './recording/signed-url.js';
import { streamProbeRoutes } from './stream-probe-routes.js';

const KEY = 'probe-routes-test-key-0123456789abcdef';
const KNOWN = '00000000-0000-4000-8000-000000000001';
const UNKNOWN = '00000000-0000-4000-8000-000000000002';

let server: Server;
let host: string;
let closedPort: number;
const engine = () => ({ streamServerId: 'probe-test', host });

beforeAll(async () => {
  closedPort = await freePort();
  const routes = streamProbeRoutes({
    internalKey: KEY,
    source: async (id) => (id === KNOWN ? { url: `rtsp://127.0.0.1:${closedPort}/cam`, transport: 'tcp' } : undefined),
  });
  server = createServer((req, res) => void routes.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('the engine probes for the media subgraph (signed)', () => {
  const client = new StreamServerClient(KEY);

  it('verifies a link with ffprobe on the engine and says why it does not play', async () => {
    const result = await client.verifyStream(engine(), `rtsp://127.0.0.1:${closedPort}/x`, 3000);
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('probes a known camera by its id (the engine reads its source), nothing for an unknown one', async () => {
    await expect(client.streamInfo(engine(), KNOWN, 3000)).rejects.toBeInstanceOf(StreamProbeError);
    expect(await client.streamInfo(engine(), UNKNOWN, 3000)).toBeUndefined();
  });

  it('refuses another key and a body that is not the one signed', async () => {
    const stranger = new StreamServerClient('another-key-0123456789abcdef-another');
    await expect(stranger.verifyStream(engine(), 'rtsp://127.0.0.1:1/x', 1000)).rejects.toBeInstanceOf(
      UnavailableError,
    );
    const url = signedInternalPost(
      new URL(`http://${host}/internal/streams/verify`),
      '{"link":"rtsp://a/b"}',
      signingKey(KEY, 'engine-internal'),
    );
    const res = await fetch(url, { method: 'POST', body: '{"link":"rtsp://c/d"}' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const unsigned = await fetch(`http://${host}/internal/streams/verify`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
  });
});
