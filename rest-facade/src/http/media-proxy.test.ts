import { createHash } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@argus/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { malformedContentId, mediaPath, mediaTarget, proxyToMedia, type MediaProxyOptions } from './media-proxy.js';

const ID = '6f0c3c1e-9a57-4c1b-8f0e-2d8a3c1b7e55';

describe('mediaPath', () => {
  it('streams uploads (25.1) and face meta (25.4) posts', () => {
    expect(mediaPath('POST', '/api/v1/uploads')).toBe('/uploads');
    expect(mediaPath('POST', '/api/v1/uploads/meta')).toBe('/uploads/meta');
  });

  it('streams GET and HEAD of upload content (25.3)', () => {
    expect(mediaPath('GET', `/api/v1/uploads/${ID}/content`)).toBe(`/uploads/${ID}/content`);
    expect(mediaPath('HEAD', `/api/v1/uploads/${ID}/content`)).toBe(`/uploads/${ID}/content`);
    // a malformed id is the media proxy's to refuse (422), not openapi-backend's
    expect(mediaPath('GET', '/api/v1/uploads/not-a-uuid/content')).toBe('/uploads/not-a-uuid/content');
  });

  it('gives the media part a UUID spelt as FastAPI takes it in canonical form', () => {
    for (const spelling of [ID.toUpperCase(), `{${ID}}`, `urn:uuid:${ID}`, ID.replaceAll('-', '')]) {
      const segment = encodeURIComponent(spelling);
      expect(mediaPath('GET', `/api/v1/uploads/${segment}/content`)).toBe(`/uploads/${ID}/content`);
      expect(mediaPath('GET', `/api/v1/camerasnapshots/${segment}`)).toBe(`/camerasnapshots/${ID}`);
      expect(mediaPath('HEAD', `/api/v1/snapshots/${segment}`)).toBe(`/snapshots/${ID}`);
    }
    expect(mediaPath('GET', '/api/v1/snapshots/%E0%A4%A')).toBe('/snapshots/%E0%A4%A');
  });

  it('leaves everything else to openapi-backend', () => {
    for (const [method, path] of [
      ['GET', `/api/v1/uploads/${ID}`], // 25.2 runs through GraphQL
      ['GET', '/api/v1/uploads'],
      ['PUT', '/api/v1/uploads'],
      ['DELETE', `/api/v1/uploads/${ID}/content`],
      ['POST', `/api/v1/uploads/${ID}/content`],
      ['GET', '/api/v1/uploads/meta'],
      ['POST', '/api/v1/uploads/'],
      ['POST', '/api/v1/uploads/meta/extra'],
      ['GET', `/api/v1/uploads/${ID}/content/more`],
      ['GET', '/api/v1/uploads//content'],
      ['POST', '/uploads'],
      ['GET', `/uploads/${ID}/content`],
      ['GET', `/api/v2/uploads/${ID}/content`],
    ] as const) {
      expect(mediaPath(method, path), `${method} ${path}`).toBeUndefined();
    }
  });
});

describe('mediaTarget', () => {
  it('puts the media path next to the GraphQL endpoint, with the query', () => {
    expect(mediaTarget('http://media:4004/graphql', '/uploads', 'kind=avatar').href).toBe(
      'http://media:4004/uploads?kind=avatar',
    );
    expect(mediaTarget('http://media:4004/graphql/', '/uploads/meta', '').href).toBe('http://media:4004/uploads/meta');
    expect(mediaTarget('https://gw/media/graphql', `/uploads/${ID}/content`, '').href).toBe(
      `https://gw/media/uploads/${ID}/content`,
    );
    expect(mediaTarget('http://media:4004', '/uploads', '').href).toBe('http://media:4004/uploads');
    expect(mediaTarget('http://media:4004/', '/uploads', '').href).toBe('http://media:4004/uploads');
  });

  it('takes the path literally (no replacement patterns)', () => {
    expect(mediaTarget('http://media:4004/graphql', '/uploads/$&/content', '').pathname).toBe('/uploads/$&/content');
  });
});

describe('malformedContentId', () => {
  it("refuses content ids that are no UUID with FastAPI's 422 body", () => {
    expect(malformedContentId(`/uploads/${ID}/content`)).toBeUndefined();
    expect(malformedContentId(`/uploads/${ID.toUpperCase()}/content`)).toBeUndefined();
    expect(malformedContentId('/uploads')).toBeUndefined();
    expect(malformedContentId('/uploads/meta')).toBeUndefined();
    for (const id of ['x', `${ID}0`, '%E0%A4%A', `${ID.slice(0, -1)}%2F`]) {
      expect(malformedContentId(`/uploads/${id}/content`), id).toEqual({
        detail: [{ loc: ['path', 'upload_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }],
      });
    }
  });
});

// --- proxyToMedia between a real client, a facade-like server and a fake media part

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodySha256: string;
  bodyBytes: number;
}

const CONTENT = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
const ETAG = `"${createHash('sha256').update(CONTENT).digest('hex')}"`;
const logger = createLogger('media-proxy-test', 'silent');

let media: Server;
let mediaBase: string;
let seen: Seen[] = [];
/** what the fake media part does with the next request (default: echo) */
let behaviour: (req: IncomingMessage, res: ServerResponse) => void = echo;

/** Reads the whole body, then answers what it received. */
function echo(req: IncomingMessage, res: ServerResponse): void {
  const hash = createHash('sha256');
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  req.on('end', () => {
    seen.push({
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      bodySha256: hash.digest('hex'),
      bodyBytes: bytes,
    });
    const body = JSON.stringify({ uploads: [{ id: ID, bytes }] });
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-internal-secret': 'never passed on',
      'set-cookie': 'a=b',
    });
    res.end(body);
  });
}

/** The content endpoint: ETag, 304, one range. */
function content(req: IncomingMessage, res: ServerResponse): void {
  seen.push({ method: req.method!, url: req.url!, headers: req.headers, bodySha256: '', bodyBytes: 0 });
  req.resume();
  const common = {
    etag: ETAG,
    'cache-control': 'private, max-age=31536000, immutable',
    'last-modified': 'Wed, 01 May 2024 10:00:00 GMT',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === ETAG) {
    res.writeHead(304, common).end();
    return;
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
  if (range) {
    const [start, end] = [Number(range[1]), Number(range[2])];
    res.writeHead(206, {
      ...common,
      'content-type': 'image/jpeg',
      'content-length': end - start + 1,
      'content-range': `bytes ${start}-${end}/${CONTENT.length}`,
    });
    res.end(req.method === 'HEAD' ? undefined : CONTENT.subarray(start, end + 1));
    return;
  }
  res.writeHead(200, { ...common, 'content-type': 'image/jpeg', 'content-length': CONTENT.length });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // in several chunks, to stream
  let offset = 0;
  const next = () => {
    if (offset >= CONTENT.length) return void res.end();
    res.write(CONTENT.subarray(offset, offset + 65_536), next);
    offset += 65_536;
  };
  next();
}

/** The facade's side: what server.ts does for a streamed path. */
function facadeServer(options: Omit<MediaProxyOptions, 'logger'>): Server {
  return createServer((req, res) => {
    const url = new URL(req.url!, 'http://facade');
    const method = req.method!;
    const target = mediaPath(method, url.pathname);
    if (!target) {
      res.writeHead(599).end();
      return;
    }
    void proxyToMedia(
      req,
      res,
      method,
      target,
      url.search.replace(/^\?/, ''),
      { authorization: 'Bearer t0ken', 'x-request-id': 'req-1', 'x-forwarded-for': '192.0.2.1' },
      { ...options, logger },
    );
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let facade: Server;
let facadeUrl: string;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  media = createServer((req, res) => behaviour(req, res));
  mediaBase = await listen(media);
  facade = facadeServer({ mediaUrl: `${mediaBase}/graphql`, timeoutMs: 5_000 });
  facadeUrl = await listen(facade);
});

afterEach(() => {
  seen = [];
  behaviour = echo;
  const found = unhandled.splice(0);
  expect(found, 'unhandled rejections').toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await Promise.all([facade && close(facade), media && close(media)]);
});

describe('proxyToMedia', () => {
  it('streams a multipart upload with its query, the caller and the framing headers, and passes the answer back', async () => {
    const form = new FormData();
    form.append('upload_data', new Blob([CONTENT], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${facadeUrl}/api/v1/uploads?kind=face_image`, {
      method: 'POST',
      body: form,
      headers: { authorization: 'Basic c2VjcmV0', cookie: 'session=1', 'x-argus-viewer': 'forged', 'x-custom': '1' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ uploads: [{ id: ID, bytes: expect.any(Number) }] });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-internal-secret')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();

    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: '/uploads?kind=face_image' });
    expect(request!.bodyBytes).toBeGreaterThan(CONTENT.length);
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    // the forwarded headers, not the client's own authorization, cookies or a forged viewer
    expect(request!.headers).toMatchObject({
      authorization: 'Bearer t0ken',
      'x-request-id': 'req-1',
      'x-forwarded-for': '192.0.2.1',
    });
    expect(request!.headers).not.toHaveProperty('cookie');
    expect(request!.headers).not.toHaveProperty('x-argus-viewer');
    expect(request!.headers).not.toHaveProperty('x-custom');
  });

  it('streams a body of unknown length (chunked) byte for byte', async () => {
    const chunks = [CONTENT.subarray(0, 100_000), CONTENT.subarray(100_000)];
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${facadeUrl}/api/v1/uploads/meta`,
        { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(chunks[0]);
      setTimeout(() => req.end(chunks[1]), 20);
    });
    expect(status).toBe(200);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/uploads/meta',
      bodyBytes: CONTENT.length,
      bodySha256: createHash('sha256').update(CONTENT).digest('hex'),
    });
    expect(seen[0]!.headers['transfer-encoding']).toBe('chunked');
  });

  it('streams content with its headers, and conditional and range requests both ways', async () => {
    behaviour = content;
    const whole = await fetch(`${facadeUrl}/api/v1/uploads/${ID}/content`);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(CONTENT)).toBe(true);
    expect(
      Object.fromEntries(
        [
          'content-type',
          'content-length',
          'etag',
          'cache-control',
          'last-modified',
          'accept-ranges',
          'x-content-type-options',
        ].map((h) => [h, whole.headers.get(h)]),
      ),
    ).toEqual({
      'content-type': 'image/jpeg',
      'content-length': String(CONTENT.length),
      etag: ETAG,
      'cache-control': 'private, max-age=31536000, immutable',
      'last-modified': 'Wed, 01 May 2024 10:00:00 GMT',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
    });
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/uploads/${ID}/content` });

    const notModified = await fetch(`${facadeUrl}/api/v1/uploads/${ID}/content`, {
      headers: { 'if-none-match': ETAG },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(ETAG);
    expect(seen[1]!.headers['if-none-match']).toBe(ETAG);

    const partial = await fetch(`${facadeUrl}/api/v1/uploads/${ID}/content`, {
      headers: { range: 'bytes=10-19', 'if-range': ETAG },
    });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 10-19/${CONTENT.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(CONTENT.subarray(10, 20))).toBe(true);
    expect(seen[2]!.headers).toMatchObject({ range: 'bytes=10-19', 'if-range': ETAG });

    const head = await fetch(`${facadeUrl}/api/v1/uploads/${ID}/content`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(CONTENT.length));
    expect(await head.text()).toBe('');
    expect(seen[3]!.method).toBe('HEAD');
  });

  it("passes the media part's errors on unchanged, with WWW-Authenticate", async () => {
    behaviour = (req, res) => {
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
      res.end(JSON.stringify({ status: 'token_invalid_credentials', status_code: 401, detail: 'Not authenticated' }));
    };
    const res = await fetch(`${facadeUrl}/api/v1/uploads/${ID}/content`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({
      status: 'token_invalid_credentials',
      status_code: 401,
      detail: 'Not authenticated',
    });
  });

  it("answers 422 in FastAPI's shape for a content id that is no UUID, without asking the media part", async () => {
    behaviour = content;
    for (const id of ['not-a-uuid', '123', encodeURIComponent('../x')]) {
      const res = await fetch(`${facadeUrl}/api/v1/uploads/${id}/content`);
      expect(res.status, id).toBe(422);
      expect(await res.json()).toEqual({
        detail: [{ loc: ['path', 'upload_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }],
      });
    }
    expect(seen).toEqual([]);
  });

  it('delivers an answer the media part gives before reading the whole body (a file over the limit)', async () => {
    behaviour = (req, res) => {
      // answers at once, then drains what is still sent, as the media part does for a declared length over the limit
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, bodySha256: '', bodyBytes: 0 });
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'invalid_request',
          status_code: 400,
          detail: 'File is too large: the limit is 10 bytes',
        }),
      );
      req.resume();
    };
    const form = new FormData();
    form.append('upload_data', new Blob([Buffer.alloc(4 * 1024 * 1024, 7)]), 'big.jpg');
    const res = await fetch(`${facadeUrl}/api/v1/uploads?kind=avatar`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'invalid_request', detail: expect.stringMatching(/too large/) });
  });

  it('survives a media part that answers early and drops the connection', async () => {
    behaviour = (req, res) => {
      res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ status: 'invalid_request', status_code: 400, detail: 'File is too large' }), () =>
        req.socket.destroy(),
      );
    };
    // a facade of its own: the client's connections to it are fresh
    const other = facadeServer({ mediaUrl: `${mediaBase}/graphql`, timeoutMs: 5_000 });
    const url = await listen(other);
    try {
      const form = new FormData();
      form.append('upload_data', new Blob([Buffer.alloc(4 * 1024 * 1024, 7)]), 'big.jpg');
      // whether the answer or the reset arrives first is up to the network: either is fine, a crash is not
      const status = await fetch(`${url}/api/v1/uploads?kind=avatar`, { method: 'POST', body: form }).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 'reset',
      );
      expect([400, 503, 'reset']).toContain(status);
      // the facade still serves
      behaviour = echo;
      expect((await fetch(`${url}/api/v1/uploads/meta`, { method: 'POST', body: 'x' })).status).toBe(200);
    } finally {
      await close(other);
    }
  });

  it('finds the media part next to a GraphQL URL with a base path or without /graphql', async () => {
    for (const mediaUrl of [`${mediaBase}/graphql/`, mediaBase, `${mediaBase}/`]) {
      const other = facadeServer({ mediaUrl, timeoutMs: 5_000 });
      const url = await listen(other);
      try {
        const res = await fetch(`${url}/api/v1/uploads?kind=avatar`, {
          method: 'POST',
          body: 'x',
          headers: { 'content-type': 'text/plain' },
        });
        expect(res.status, mediaUrl).toBe(200);
        expect(seen.at(-1)!.url, mediaUrl).toBe('/uploads?kind=avatar');
      } finally {
        await close(other);
      }
    }
  });

  it('answers 503 when the media part cannot be reached, for content and for uploads', async () => {
    const gone = createServer();
    const goneUrl = await listen(gone);
    await close(gone);
    const other = facadeServer({ mediaUrl: `${goneUrl}/graphql`, timeoutMs: 5_000 });
    const url = await listen(other);
    try {
      const read = await fetch(`${url}/api/v1/uploads/${ID}/content`);
      expect(read.status).toBe(503);
      expect(await read.json()).toEqual({
        status: 'temporarily_unavailable',
        status_code: 503,
        detail: 'The media service is not reachable',
      });
      const form = new FormData();
      form.append('upload_data', new Blob([CONTENT]), 'photo.jpg');
      const upload = await fetch(`${url}/api/v1/uploads?kind=avatar`, { method: 'POST', body: form });
      expect(upload.status).toBe(503);
      expect(await upload.json()).toMatchObject({ status_code: 503 });
      // a rejected body stream must not surface as an unhandled rejection
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await close(other);
    }
  });

  it('answers 503 when the media part does not answer in time', async () => {
    behaviour = (req) => req.resume();
    const other = facadeServer({ mediaUrl: `${mediaBase}/graphql`, timeoutMs: 200 });
    const url = await listen(other);
    try {
      const res = await fetch(`${url}/api/v1/uploads/${ID}/content`);
      expect(res.status).toBe(503);
    } finally {
      await close(other);
    }
  });
});
