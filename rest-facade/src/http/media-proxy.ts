import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '@argus/core';
import type { ForwardedHeaders } from '../graphql/client.js';

/**
 * Upload bodies and upload content do not go through GraphQL: the facade streams them to the
 * media part's HTTP endpoints and its answers back unchanged (they already use the contract's
 * bodies and statuses; subgraphs/media/README.md lists them).
 *
 * - POST /api/v1/uploads?kind=…        (25.1) → POST <media>/uploads?kind=…
 * - POST /api/v1/uploads/meta          (25.4) → POST <media>/uploads/meta
 * - GET|HEAD /api/v1/uploads/{id}/content (25.3) → <media>/uploads/{id}/content
 */
export function mediaPath(method: string, path: string): string | undefined {
  if (method === 'POST' && (path === '/api/v1/uploads' || path === '/api/v1/uploads/meta')) return path.slice('/api/v1'.length);
  if ((method === 'GET' || method === 'HEAD') && /^\/api\/v1\/uploads\/[^/]+\/content$/.test(path)) return path.slice('/api/v1'.length);
  return undefined;
}

/** Request headers the media part needs besides the forwarded ones (body framing, conditional and range requests). */
const PASSED_REQUEST = ['content-type', 'content-length', 'transfer-encoding', 'range', 'if-range', 'if-none-match', 'if-modified-since'] as const;
/** Response headers passed back to the client. */
const PASSED_RESPONSE = [
  'content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified', 'cache-control', 'www-authenticate', 'content-disposition',
] as const;

export interface MediaProxyOptions {
  /** the media part's GraphQL endpoint; its HTTP endpoints are next to it */
  readonly mediaUrl: string;
  readonly logger: Logger;
  readonly timeoutMs: number;
}

/** Streams the request to the media part and its answer back; 503 when the media part cannot be reached. */
export async function proxyToMedia(
  req: IncomingMessage, res: ServerResponse, method: string, path: string, query: string, forwarded: ForwardedHeaders, options: MediaProxyOptions,
): Promise<number> {
  const target = new URL(options.mediaUrl.replace(/\/graphql\/?$/, path));
  target.search = query;
  const headers: Record<string, string | string[]> = {};
  for (const name of PASSED_REQUEST) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  for (const [name, value] of Object.entries(forwarded)) if (value) headers[name] = value;

  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method, headers, timeout: options.timeoutMs });
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    upstream.once('response', resolve);
    upstream.once('error', reject);
    upstream.once('timeout', () => upstream.destroy(new Error(`the media part did not answer within ${options.timeoutMs} ms`)));
  });
  // a client that goes away mid-upload aborts the upstream request (the media part discards the staged file)
  req.once('aborted', () => upstream.destroy(new Error('client aborted')));
  const sending = method === 'GET' || method === 'HEAD' ? (req.resume(), upstream.end(), Promise.resolve()) : pipeline(req, upstream);
  try {
    const response = await answer;
    // the media part may answer before it has read the whole body (a file over the size limit)
    sending.catch(() => undefined);
    res.statusCode = response.statusCode ?? 502;
    for (const name of PASSED_RESPONSE) {
      const value = response.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    await pipeline(response, res);
    return res.statusCode;
  } catch (err) {
    options.logger.warn({ err, method, path }, 'the media part did not answer');
    if (!res.headersSent) {
      const body = JSON.stringify({ status: 'temporarily_unavailable', status_code: 503, detail: 'The media service is not reachable' });
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else {
      res.destroy();
    }
    return 503;
  }
}
