import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@argus/core';
import type { Request } from 'openapi-backend';
import type { ForwardedHeaders } from '../graphql/client.js';
import type { RestApi } from '../openapi/backend.js';
import { BodyTooLargeError, readBody } from './body.js';
import { docsFile, openapiJson, type StaticFile } from './docs.js';
import { applyCors, setSecurityHeaders } from './edge-headers.js';
import { forwardedHeaders, requestIdOf } from './forwarded.js';
import { mediaPath, proxyToMedia, type MediaProxyOptions } from './media-proxy.js';
import { internalError, routeNotFound, type RestResponse } from './rest-response.js';

/** What each operation handler gets besides the request. */
export interface Exchange {
  readonly forwarded: ForwardedHeaders;
  readonly logger: Logger;
}

export interface ListenerOptions {
  readonly api: RestApi<Exchange>;
  /** the contract served at /openapi.json */
  readonly document: unknown;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly trustProxy: boolean;
  /** where upload bodies and content are streamed (media-proxy.ts) */
  readonly media: Omit<MediaProxyOptions, 'logger'>;
  /** origins admitted by CORS (edge-headers.ts); empty: same origin only */
  readonly corsOrigins?: readonly string[];
  /** /docs and /openapi.json are served */
  readonly apiDocs?: boolean;
}

/**
 * The facade's node:http listener: /openapi.json, /docs (Swagger UI; both only with `apiDocs`),
 * /healthz, upload bodies and content streamed to the media part, and everything else through
 * openapi-backend. Every answer carries the security headers and CORS of the allow-list; JSON
 * answers are `Cache-Control: no-store` unless their handler says otherwise (tokens, user data).
 * One log line per request; never headers or bodies. Nothing a client sends rejects unhandled.
 */
export function restRequestListener(options: ListenerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const openapi = openapiJson(options.document);
  return (req, res) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    const logger = options.logger.child({ requestId });
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query } = requestTarget(req.url);
    setSecurityHeaders(res);
    if (applyCors(req, res, options.corsOrigins ?? [])) {
      logger.info({ method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      return;
    }
    const mediaTarget = mediaPath(method, path);
    if (mediaTarget) {
      const forwarded = forwardedHeaders(req, requestId, options.trustProxy);
      res.setHeader('x-request-id', requestId);
      void proxyToMedia(req, res, method, mediaTarget, query, forwarded, { ...options.media, logger })
        .then((status) => logger.info({ method, path, status, ms: Math.round(performance.now() - started) }, 'request'))
        .catch((err: unknown) => {
          logger.error({ err, method, path }, 'streaming to the media part failed');
          if (!res.headersSent) write(res, internalError, requestId);
          else res.destroy();
        });
      return;
    }
    void answer(req, method, path, query, requestId, logger)
      .catch((err: unknown) => {
        if (err instanceof BodyTooLargeError) return { status: 413, body: { detail: 'Request Entity Too Large' } };
        // a client that went away mid-body cannot be answered; nothing failed here
        if (req.destroyed && !req.complete) return clientGone;
        logger.error({ err, method, path }, 'request failed');
        return internalError;
      })
      .then((response) => {
        write(res, response, requestId);
        logger.info({ method, path, status: response.status, ms: Math.round(performance.now() - started) }, 'request');
      })
      .catch((err: unknown) => logger.error({ err, method, path }, 'writing the response failed'));
  };

  async function answer(
    req: IncomingMessage,
    method: string,
    path: string,
    query: string,
    requestId: string,
    logger: Logger,
  ): Promise<RestResponse | StaticFile> {
    const docsPath = path === '/openapi.json' || path === '/docs' || path.startsWith('/docs/');
    if (docsPath && options.apiDocs === false) return routeNotFound;
    if (method === 'GET' && path === '/openapi.json') return openapi;
    if (method === 'GET' && path === '/healthz') return { status: 200, body: { status: 'ok' } };
    if (method === 'GET' && (path === '/docs' || path.startsWith('/docs/'))) {
      const file = await docsFile(path);
      if (file) return file;
    }
    const body = await readBody(req, options.maxBodyBytes);
    const exchange: Exchange = { forwarded: forwardedHeaders(req, requestId, options.trustProxy), logger };
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter((e): e is [string, string | string[]] => e[1] !== undefined),
    );
    return options.api.handle({ method, path, query, headers, body: body as Request['body'] }, exchange);
  }
}

/** A client that went away before its request was read (logged with this status, never written). */
const clientGone: RestResponse = { status: 499 };

function write(res: ServerResponse, response: RestResponse | StaticFile, requestId: string): void {
  if (res.headersSent || response === clientGone) return void res.end();
  res.setHeader('x-request-id', requestId);
  if ('contentType' in response) {
    res.writeHead(response.status, { 'content-type': response.contentType, 'cache-control': 'no-cache' });
    res.end(response.body);
    return;
  }
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Path and query string of the request target (`/` for one that does not parse). */
export function requestTarget(target: string | undefined): { path: string; query: string } {
  try {
    const url = new URL(target ?? '/', 'http://facade.invalid');
    return { path: url.pathname, query: url.search.replace(/^\?/, '') };
  } catch {
    return { path: '/', query: '' };
  }
}
