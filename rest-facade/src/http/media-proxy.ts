import { isUuid } from '@argus/core';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '@argus/core';
import type { ForwardedHeaders } from '../graphql/client.js';
import { isUuidInput, toCanonicalUuid } from '../openapi/uuid-input.js';

/**
 * Upload bodies and upload content do not go through GraphQL: the facade streams them to the
 * media part's HTTP endpoints and its answers back unchanged (they already use the contract's
 * bodies and statuses; subgraphs/media/README.md lists them).
 *
 * - POST /api/v1/uploads?kind=…        (25.1) → POST <media>/uploads?kind=…
 * - POST /api/v1/uploads/meta          (25.4) → POST <media>/uploads/meta
 * - GET|HEAD /api/v1/uploads/{id}/content (25.3) → <media>/uploads/{id}/content (an id that is no UUID: 422 here)
 * - GET|HEAD /api/v1/camerasnapshots/{camera_id} (19.2) → <media>/camerasnapshots/{camera_id} (image/jpeg; 503 when the camera is down)
 * - GET|HEAD /api/v1/snapshots/{event_id}?event_type=… (19.1) → <media>/snapshots/{event_id}?event_type=… (image/jpeg; 503 until the engine stored it)
 *
 * 25.2 (GET /api/v1/uploads/{id}, the record) is an ordinary operation through GraphQL (handlers/uploads.ts).
 */
export function mediaPath(method: string, path: string): string | undefined {
  if (method === 'POST' && (path === '/api/v1/uploads' || path === '/api/v1/uploads/meta'))
    return path.slice('/api/v1'.length);
  if ((method === 'GET' || method === 'HEAD') && /^\/api\/v1\/uploads\/[^/]+\/content$/.test(path))
    return withCanonicalId(path);
  // 19.2: the camera's current JPEG (the media part checks the id, the caller and the camera; 503 when it is down)
  if ((method === 'GET' || method === 'HEAD') && /^\/api\/v1\/camerasnapshots\/[^/]+$/.test(path))
    return withCanonicalId(path);
  // 19.1: an event's JPEG (the media part checks the id, event_type, the caller and the event; 503 until it is stored)
  if ((method === 'GET' || method === 'HEAD') && /^\/api\/v1\/snapshots\/[^/]+$/.test(path))
    return withCanonicalId(path);
  return undefined;
}

/** `/api/v1/<resource>/<id>…` as the media path, its id in canonical form when it spells a UUID as FastAPI reads one. */
function withCanonicalId(path: string): string {
  const [resource, segment, ...rest] = path.slice('/api/v1/'.length).split('/') as [string, string, ...string[]];
  const id = decodedSegment(segment);
  return ['', resource, isUuidInput(id) ? toCanonicalUuid(id) : segment, ...rest].join('/');
}

/** A path segment decoded, or as written when its escapes are malformed. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Request headers the media part needs besides the forwarded ones (body framing, conditional and range requests). */
const PASSED_REQUEST = [
  'content-type',
  'content-length',
  'transfer-encoding',
  'range',
  'if-range',
  'if-none-match',
  'if-modified-since',
] as const;
/** Response headers passed back to the client (nosniff: the content is whatever users uploaded, served from the API's origin). */
const PASSED_RESPONSE = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control',
  'www-authenticate',
  'content-disposition',
  'x-content-type-options',
  'retry-after',
] as const;

const CONTENT_PATH = /^\/uploads\/([^/]+)\/content$/;

export interface MediaProxyOptions {
  /** the media part's GraphQL endpoint; its HTTP endpoints are next to it */
  readonly mediaUrl: string;
  readonly logger: Logger;
  /** how long the media part may stay silent before it answers (503 then) */
  readonly timeoutMs: number;
}

/** Where a media path (`/uploads…`) is served: next to the media part's GraphQL endpoint (`…/graphql` or a bare base URL). */
export function mediaTarget(mediaUrl: string, path: string, query: string): URL {
  const target = new URL(mediaUrl);
  target.pathname = `${target.pathname.replace(/\/graphql\/?$/, '').replace(/\/+$/, '')}${path}`;
  target.search = query;
  target.hash = '';
  return target;
}

/**
 * The 422 FastAPI answers for a content path whose id is no UUID (the contract's `format: uuid`;
 * these paths do not pass openapi-backend's validation), or undefined.
 */
export function malformedContentId(
  path: string,
): { detail: { loc: string[]; msg: string; type: string }[] } | undefined {
  const segment = CONTENT_PATH.exec(path)?.[1];
  if (segment === undefined) return undefined;
  return isUuid(decodedSegment(segment))
    ? undefined
    : { detail: [{ loc: ['path', 'upload_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }] };
}

/**
 * Streams the request to the media part and its answer back; 503 when the media part cannot be
 * reached or does not answer in time. Resolves with the status answered; never rejects.
 */
export async function proxyToMedia(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: string,
  forwarded: ForwardedHeaders,
  options: MediaProxyOptions,
): Promise<number> {
  const malformed = malformedContentId(path);
  if (malformed) {
    req.resume();
    writeJson(res, 422, malformed);
    return 422;
  }
  const headers: Record<string, string | string[]> = {};
  for (const name of PASSED_REQUEST) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  for (const [name, value] of Object.entries(forwarded)) if (value) headers[name] = value;

  const target = mediaTarget(options.mediaUrl, path, query);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method, headers, timeout: options.timeoutMs });
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    upstream.once('response', resolve);
    // `on`, not `once`: a request can fail twice (a write error after a reset), and an 'error' without a listener throws
    upstream.on('error', reject);
    upstream.once('timeout', () =>
      upstream.destroy(new Error(`the media part did not answer within ${options.timeoutMs} ms`)),
    );
  });
  // a client that goes away (mid-upload or mid-download) aborts the upstream request; the media part discards a staged file
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy(new Error('the client went away'));
  });
  if (method === 'GET' || method === 'HEAD') {
    req.resume();
    upstream.end();
  } else {
    // not pipeline(): its failure would destroy the client's request, and with it the socket our answer goes out on
    // (the media part answers a file over the limit before it has read the whole body)
    req.pipe(upstream);
    upstream.once('close', () => {
      req.unpipe(upstream);
      // what the client still sends is drained, so it reads the answer (as node:http does for an unread body)
      if (!req.readableEnded) req.resume();
    });
  }
  try {
    const response = await answer;
    // the time limit is for the answer to start; a slow client reading a large file is not the media part's fault
    upstream.setTimeout(0);
    res.statusCode = response.statusCode ?? 502;
    for (const name of PASSED_RESPONSE) {
      const value = response.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    await pipeline(response, res);
    return res.statusCode;
  } catch (err) {
    if (res.destroyed && !res.writableFinished) {
      // the client went away (mid-upload or mid-download): nobody to answer
      options.logger.info({ err, method, path }, 'the client went away');
      return 499;
    }
    if (!res.headersSent) {
      options.logger.warn({ err, method, path }, 'the media part did not answer');
      writeJson(res, 503, {
        status: 'temporarily_unavailable',
        status_code: 503,
        detail: 'The media service is not reachable',
      });
      return 503;
    }
    // the answer broke off (the client or the media part went away): nothing more can be said
    options.logger.info({ err, method, path }, 'a streamed answer broke off');
    res.destroy();
    return res.statusCode;
  }
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
