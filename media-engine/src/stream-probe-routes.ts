import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid, type Logger, readBody, sendJson } from '@argus/core';
import { bodyMatchesSignature } from './client/signed-request.js';
import type { CameraSource } from './ffmpeg/camera-source.js';
import { StreamProbeError, streamInfo, verifyStream } from './probe/stream-probe.js';
import { checkSignature, internalResource, signingKey } from './recording/signed-url.js';

/**
 * Probing for the media subgraph (client: `StreamServerClient` in `@argus/media-engine/client`),
 * so ffprobe runs on the engines, never in the subgraph's process:
 *
 * - POST /internal/streams/verify `{ link, timeoutMs }` → `{ result: VerifyResult }` (the link as the
 *   subgraph checked it against STREAM_ALLOWED_NETWORKS)
 * - POST /internal/streams/info `{ cameraId, timeoutMs }` → `{ result: StreamInfo }`; the source and
 *   its credentials come from topology here; 404 `not_found`, 422 `probe_failed` `{ reason, detail }`,
 *   503 `temporarily_unavailable` when the camera list cannot be read
 *
 * Signed like the other internal routes (`engine-internal` key over path + query, `body_sha256`
 * in the query binding the body); a bad signature answers 403 `unauthorized`.
 */
export interface StreamProbeRoutesOptions {
  readonly internalKey: string;
  /** a camera's source with its credentials (topology's internal camera list) */
  readonly source: (cameraId: string) => Promise<CameraSource | undefined>;
  readonly logger?: Logger;
}

const PREFIX = '/internal/streams/';
const MAX_TIMEOUT_MS = 60_000;

export function streamProbeRoutes(options: StreamProbeRoutesOptions) {
  const key = signingKey(options.internalKey, 'engine-internal');
  return {
    matches: (pathname: string) => pathname.startsWith(PREFIX),
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://engine.invalid');
      const action = url.pathname.slice(PREFIX.length);
      try {
        if (req.method !== 'POST') return fail(res, 405, 'invalid_request', 'Use POST');
        if (action !== 'verify' && action !== 'info') return fail(res, 404, 'not_found', 'Not found');
        const q = url.searchParams;
        const check = checkSignature(key, internalResource(url), q.get('expires'), q.get('signature'));
        if (check !== 'ok') return fail(res, 403, 'unauthorized', `The request is not signed (${check})`);
        const raw = await readBody(req, 16 * 1024);
        if (!bodyMatchesSignature(raw, url)) {
          return fail(res, 403, 'unauthorized', 'The body does not match its signature');
        }
        const body = parseObject(raw);
        if (!body) return fail(res, 400, 'invalid_request', 'The body must be a JSON object');
        const timeoutMs = Math.min(MAX_TIMEOUT_MS, Math.max(100, Number(body.timeoutMs) || 8000));
        if (action === 'verify') {
          if (typeof body.link !== 'string') return fail(res, 400, 'invalid_request', 'link is required');
          return sendJson(res, 200, { result: await verifyStream(body.link, timeoutMs, { logger: options.logger }) });
        }
        const cameraId = typeof body.cameraId === 'string' && isUuid(body.cameraId) ? body.cameraId : undefined;
        let source: CameraSource | undefined;
        try {
          source = cameraId ? await options.source(cameraId) : undefined;
        } catch (err) {
          return fail(res, 503, 'temporarily_unavailable', `the camera list cannot be read: ${(err as Error).message}`);
        }
        if (!source) return fail(res, 404, 'not_found', 'Camera not found');
        sendJson(res, 200, { result: await streamInfo(source, { timeoutMs, logger: options.logger }) });
      } catch (err) {
        if (err instanceof StreamProbeError) {
          const error = { code: 'probe_failed', message: err.message, reason: err.reason, detail: err.detail };
          return sendJson(res, 422, { error });
        }
        options.logger?.error({ err, action }, 'stream probe request failed');
        if (!res.headersSent) fail(res, 500, 'internal_error', 'Internal error');
      }
    },
  };
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(raw);
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
