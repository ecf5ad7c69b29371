import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDomainError, sendJson, type Logger, type Route } from '@argus/core';
import { EVENT_REPORT_PATH } from '@argus/media-engine/client';
import type { EventIngestService } from '../event-ingest.service.js';
import { engineSignatureCheck } from './engine-signature.js';

const MAX_REPORT_BYTES = 64 * 1024;
export const EVENT_SNAPSHOT_PATTERN =
  /^\/internal\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/snapshot$/i;
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

class TooLarge extends Error {}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The engines' routes (signed like their own internal routes; a bad signature answers 403):
 * `POST /internal/events` (a RecognitionEventReport: 201 created, 200 already known, 400 not
 * JSON, 422 `{detail:[{loc,msg,type}]}`, 404 unknown camera) and
 * `PUT /internal/events/{id}/snapshot` (image/jpeg up to `snapshotMaxBytes`: 204, 404 unknown
 * event, 413 too large, 415 not a JPEG).
 */
export function internalEventRoutes(options: {
  ingest: EventIngestService;
  internalKey: string;
  snapshotMaxBytes: number;
  logger: Logger;
}): { exact: Record<string, Route>; patterns: [RegExp, Route][] } {
  const guard =
    (
      method: string,
      limit: number,
      handle: (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL) => Promise<void>,
    ): Route =>
    async (req, res) => {
      if (req.method !== method) {
        res.setHeader('allow', method);
        return sendJson(res, 405, { detail: 'Method Not Allowed' });
      }
      const url = new URL(req.url ?? '/', 'http://media.invalid');
      let body: Buffer;
      try {
        body = await readLimited(req, limit);
      } catch (error) {
        if (error instanceof TooLarge) return sendJson(res, 413, { detail: `The body exceeds ${limit} bytes` });
        res.destroy();
        return;
      }
      const check = engineSignatureCheck(url, body, options.internalKey);
      if (check !== 'ok') return sendJson(res, 403, { detail: `Not signed by an Argus engine (${check})` });
      try {
        await handle(req, res, body, url);
      } catch (error) {
        if (isDomainError(error) && error.code === 'UNAVAILABLE') return sendJson(res, 503, { detail: error.message });
        options.logger.error({ err: error, path: url.pathname }, 'an engine report failed');
        if (!res.headersSent) sendJson(res, 500, { detail: 'Internal error' });
      }
    };

  const report = guard('POST', MAX_REPORT_BYTES, async (_req, res, raw) => {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { detail: 'The body is not JSON' });
    }
    const result = await options.ingest.report(body);
    if (result.status === 'invalid') return sendJson(res, 422, { detail: result.problems });
    if (result.status === 'unknown_camera') return sendJson(res, 404, { detail: 'Camera not found' });
    sendJson(res, result.status === 'created' ? 201 : 200, {
      eventId: result.eventId,
      created: result.status === 'created',
    });
  });

  const snapshot = guard('PUT', options.snapshotMaxBytes, async (req, res, body, url) => {
    const id = EVENT_SNAPSHOT_PATTERN.exec(url.pathname)![1]!;
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'image/jpeg' || body.length < 4 || !body.subarray(0, 3).equals(JPEG))
      return sendJson(res, 415, { detail: 'The snapshot must be a JPEG (image/jpeg)' });
    if (!(await options.ingest.snapshot(id.toLowerCase(), body)))
      return sendJson(res, 404, { detail: 'Event not found' });
    res.writeHead(204).end();
  });

  return { exact: { [EVENT_REPORT_PATH]: report }, patterns: [[EVENT_SNAPSHOT_PATTERN, snapshot]] };
}
