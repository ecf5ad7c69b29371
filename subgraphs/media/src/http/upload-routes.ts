import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  InputValidationError,
  InvalidRequestError,
  sendJson,
  UPLOAD_KINDS,
  type RequestContext,
  type Route,
  type UploadKind,
} from '@argus/core';
import type { UploadService } from '../services/upload.service.js';
import { matchesEtag, parseRange } from './byte-range.js';
import { consumeUploadedFile } from './multipart.js';
import { toRestUpload } from './rest-upload.js';
import { pathOf, restRoute } from './route-table.js';

export interface UploadRouteDeps {
  readonly uploads: UploadService;
  /** the caller of a request: signed viewer header or bearer token, as for GraphQL */
  readonly caller: (req: IncomingMessage) => Promise<RequestContext>;
  readonly maxBytes: number;
}

/** What a multipart form may add around its file before the whole body counts as too large. */
const FORM_OVERHEAD = 64 * 1024;
export const CONTENT_PATH = /^\/uploads\/([^/]+)\/content$/;

/** POST /uploads?kind=…, multipart/form-data with `upload_data`; answers `{uploads:[…]}`. */
export function createUploadRoute(deps: UploadRouteDeps): Route {
  return restRoute(['POST'], async (req, res) => {
    const { viewer } = await deps.caller(req);
    const kind = kindOf(req);
    const uploader = deps.uploads.authorizeCreate(viewer);
    refuseLongBodies(req, deps.maxBytes);
    const rows = await consumeUploadedFile(req, deps.maxBytes, (file) => deps.uploads.create(uploader, kind, file));
    sendJson(res, 200, { uploads: rows.map(toRestUpload) });
  });
}

/** POST /uploads/meta, multipart/form-data with `upload_data`; answers `{meta:[…]}`, stores nothing. */
export function uploadMetaRoute(deps: UploadRouteDeps): Route {
  return restRoute(['POST'], async (req, res) => {
    const { viewer } = await deps.caller(req);
    const reader = deps.uploads.authorizeMeta(viewer);
    refuseLongBodies(req, deps.maxBytes);
    const meta = await consumeUploadedFile(req, deps.maxBytes, (file) => deps.uploads.meta(reader, file));
    sendJson(res, 200, { meta });
  });
}

/**
 * GET|HEAD /uploads/{id}/content: the stored bytes with their sniffed Content-Type,
 * the SHA-256 as ETag (If-None-Match → 304) and single byte ranges (206, 416).
 */
export function uploadContentRoute(deps: UploadRouteDeps): Route {
  return restRoute(['GET', 'HEAD'], async (req, res) => {
    const { viewer } = await deps.caller(req);
    const id = idOf(CONTENT_PATH.exec(pathOf(req))?.[1]);
    const content = await deps.uploads.content(viewer, id);
    const { upload } = content;
    const etag = `"${upload.sha256}"`;
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'private, max-age=31536000, immutable');
    res.setHeader('last-modified', new Date(upload.created_at).toUTCString());
    res.setHeader('accept-ranges', 'bytes');
    res.setHeader('x-content-type-options', 'nosniff');
    if (matchesEtag(header(req, 'if-none-match'), etag)) {
      res.writeHead(304).end();
      return;
    }
    const ifRange = header(req, 'if-range');
    const answer =
      ifRange === undefined || ifRange === etag
        ? parseRange(header(req, 'range'), upload.size)
        : { kind: 'whole' as const };
    if (answer.kind === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${upload.size}`, 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'range_not_satisfiable',
          status_code: 416,
          detail: 'Requested range not satisfiable',
        }),
      );
      return;
    }
    const range = answer.kind === 'partial' ? answer.range : undefined;
    const stream = req.method === 'HEAD' ? undefined : await content.read(range);
    res.setHeader('content-type', upload.mime_type);
    res.setHeader('content-length', range ? range.end - range.start + 1 : upload.size);
    if (range) res.setHeader('content-range', `bytes ${range.start}-${range.end}/${upload.size}`);
    res.writeHead(range ? 206 : 200);
    if (!stream) {
      res.end();
      return;
    }
    // a client that stops reading ends the stream; nothing to answer then
    await pipeline(stream, res).catch(() => undefined);
  });
}

function kindOf(req: IncomingMessage): UploadKind {
  const kind = new URL(req.url ?? '/', 'http://media').searchParams.get('kind');
  if (kind === null) throw new InputValidationError('field required', ['query', 'kind'], 'missing');
  if (!(UPLOAD_KINDS as readonly string[]).includes(kind)) {
    throw new InputValidationError(
      `value is not a valid enumeration member; permitted: ${UPLOAD_KINDS.map((k) => `'${k}'`).join(', ')}`,
      ['query', 'kind'],
      'not_one_of',
    );
  }
  return kind as UploadKind;
}

/** A body whose declared length cannot hold an acceptable file is refused before it is read. */
function refuseLongBodies(req: IncomingMessage, maxBytes: number): void {
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes + FORM_OVERHEAD)
    throw new InvalidRequestError(`File is too large: the limit is ${maxBytes} bytes`);
}

/** A path segment as an id; one that does not decode names no upload. */
function idOf(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return '';
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
