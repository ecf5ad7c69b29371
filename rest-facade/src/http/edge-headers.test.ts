import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@argus/core';
import { afterEach, describe, expect, it } from 'vitest';
import { originList, restFacadeConfig } from '../config.js';
import type { RestApi } from '../openapi/backend.js';
import { restRequestListener, type Exchange } from './server.js';

/** The facade's listener over a stand-in for openapi-backend that answers 200 `{ok: true}` to everything. */
const api: RestApi<Exchange> = { operations: new Map(), handle: async () => ({ status: 200, body: { ok: true } }) };

let server: Server | undefined;

async function listen(options: { corsOrigins?: string[]; apiDocs?: boolean } = {}): Promise<string> {
  server = createServer(
    restRequestListener({
      api,
      document: { openapi: '3.1.0' },
      logger: createLogger('test', 'silent'),
      maxBodyBytes: 1024,
      trustProxy: false,
      media: { mediaUrl: 'http://127.0.0.1:9/graphql', timeoutMs: 1000 },
      ...options,
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const closing = server;
  server = undefined;
  closing?.closeAllConnections();
  await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
});

describe('security headers', () => {
  it('are on every answer: JSON, static, not found and a media answer', async () => {
    const url = await listen();
    for (const path of ['/api/v1/hello', '/docs', '/openapi.json', '/nothing', '/api/v1/uploads/x/content']) {
      const res = await fetch(url + path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toBe("frame-ancestors 'none'");
    }
  });

  it('JSON answers are not stored by caches', async () => {
    const url = await listen();
    const res = await fetch(`${url}/api/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=a&password=b',
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/api/v1/users/me`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  it('admits only listed origins, echoing exactly that origin and never credentials', async () => {
    const url = await listen({ corsOrigins: ['https://app.example.com', 'http://localhost:3000'] });
    const ok = await preflight(url, 'https://app.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-allow-methods')).toContain('GET');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    expect(ok.headers.get('vary')).toContain('Origin');

    const refused = await preflight(url, 'https://evil.example');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ detail: 'Disallowed CORS origin' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const simple = await fetch(`${url}/api/v1/hello`, { headers: { origin: 'http://localhost:3000' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(simple.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const foreign = await fetch(`${url}/api/v1/hello`, { headers: { origin: 'https://app.example.com.evil.example' } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('admits no origin by default (same origin only)', async () => {
    const url = await listen();
    expect((await preflight(url, 'http://localhost:3000')).status).toBe(400);
    expect(
      (await fetch(`${url}/api/v1/hello`, { headers: { origin: 'null' } })).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('CORS_ORIGINS lists origins, nothing else', () => {
    expect(originList(' https://a.example ,http://localhost:3000/ ')).toEqual([
      'https://a.example',
      'http://localhost:3000',
    ]);
    expect(originList(undefined)).toEqual([]);
    for (const bad of ['a.example', 'https://a.example/path', 'file:///x'])
      expect(() => originList(bad)).toThrow(/CORS_ORIGINS/);
    expect(restFacadeConfig({ CORS_ORIGINS: 'https://a.example' }).corsOrigins).toEqual(['https://a.example']);
  });
});

describe('the API docs follow the production switch', () => {
  it('are served by default and answer 404 when switched off', async () => {
    const on = await listen({ apiDocs: true });
    expect((await fetch(`${on}/docs`)).status).toBe(200);
    expect((await fetch(`${on}/openapi.json`)).status).toBe(200);
    await new Promise<void>((resolve) => {
      server!.closeAllConnections();
      server!.close(() => resolve());
    });
    const off = await listen({ apiDocs: false });
    for (const path of ['/docs', '/docs/swagger-ui.css', '/openapi.json']) {
      const res = await fetch(off + path);
      expect(res.status, path).not.toBe(200);
      expect(await res.text()).not.toContain('swagger');
    }
  });

  it('NODE_ENV=production turns them off unless API_DOCS=true', () => {
    expect(restFacadeConfig({}).apiDocs).toBe(true);
    expect(restFacadeConfig({ NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(restFacadeConfig({ NODE_ENV: 'production', API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(restFacadeConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
  });
});
