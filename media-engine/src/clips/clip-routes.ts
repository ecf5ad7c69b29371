import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendJson, type Logger } from '@argus/core';
import { checkClipSignature, clipFileName, CLIPS_PREFIX, parseClipPath } from '../recording/clip-url.js';

export interface ClipRoutes {
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * GET|HEAD /clips/<clip id>.mp4?expires&signature on the stream server's port (MEDIA_ENGINE_PORT):
 * the MP4 this server cut (video/mp4, Content-Length, single byte ranges). 403 for a missing,
 * wrong or expired signature, 404 when this server has no such file.
 */
export function clipRoutes(options: { clipsDir: string; internalKey: string; logger?: Logger }): ClipRoutes {
  return {
    matches: (pathname) => pathname.startsWith(CLIPS_PREFIX),
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://engine.invalid');
      const method = req.method ?? 'GET';
      try {
        if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { detail: 'Method not allowed' });
        res.setHeader('access-control-allow-origin', '*');
        const clipId = parseClipPath(url.pathname);
        if (!clipId) return sendJson(res, 404, { status: 'not_found', status_code: 404, detail: 'Clip not found' });
        const check = checkClipSignature(url, options.internalKey);
        if (check !== 'ok') {
          const detail =
            check === 'expired'
              ? 'The URL has expired'
              : check === 'missing'
                ? 'The URL is not signed'
                : 'The URL signature is not valid';
          return sendJson(res, 403, { status: 'unauthorized', status_code: 403, detail });
        }
        const file = path.join(options.clipsDir, clipFileName(clipId));
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile())
          return sendJson(res, 404, { status: 'not_found', status_code: 404, detail: 'Clip not found' });
        const range = singleRange(req.headers.range, info.size);
        const headers = {
          'content-type': 'video/mp4',
          'accept-ranges': 'bytes',
          'cache-control': 'private, max-age=3600',
          'content-disposition': `attachment; filename="${clipFileName(clipId)}"`,
        };
        if (range === 'unsatisfiable') {
          res.writeHead(416, { ...headers, 'content-range': `bytes */${info.size}` });
          return void res.end();
        }
        if (range)
          res.writeHead(206, {
            ...headers,
            'content-length': range.end - range.start + 1,
            'content-range': `bytes ${range.start}-${range.end}/${info.size}`,
          });
        else res.writeHead(200, { ...headers, 'content-length': info.size });
        if (method === 'HEAD') return void res.end();
        await pipeline(createReadStream(file, range ?? {}), res);
      } catch (err) {
        options.logger?.error({ err, path: url.pathname }, 'serving a clip failed');
        if (!res.headersSent) sendJson(res, 500, { detail: 'Internal Server Error' });
        else res.destroy();
      }
    },
  };
}

/** `bytes=a-b`, `a-` or `-n` → inclusive offsets; several ranges or none → undefined (the whole file). */
function singleRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
