import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendJson, type Logger } from '@argus/core';
import { buildPlaylist } from './recording/playlist.js';
import { cameraRecordingDir } from './recording/recording-layout.js';
import { parseRecordingPath, RECORDINGS_PREFIX, signedSegmentUri } from './recording/recording-urls.js';
import { listSegments } from './recording/segment-index.js';
import { checkSignature, internalResource, signingKey, type SignatureCheck } from './recording/signed-url.js';
import { freshSnapshot } from './recording/snapshot-file.js';

/**
 * The stream server's recordings over HTTP (next to /status on MEDIA_ENGINE_PORT):
 *
 * - GET|HEAD /recordings/<camera>/<YYYY-MM-DD>/<HH>/<segment>.ts?expires&signature   a segment (video/mp2t)
 * - GET|HEAD /recordings/<camera>/index/<from s>-<to s>.m3u8?expires&signature        a VOD playlist, segment URIs signed
 * - GET /internal/recordings/<camera>/segments?from_ms&to_ms[&limit]&expires&signature  the segment index (JSON), for the media subgraph
 * - GET /internal/recordings/<camera>/snapshot?max_age_ms&expires&signature              the latest JPEG while fresh, else 503
 *
 * Public URLs are signed with the `recordings` key, internal ones with the `engine-internal` key
 * (signed-url.ts); a missing, wrong or expired signature answers 403.
 */
export interface RecordingRoutesOptions {
  readonly recordingsDir: string;
  readonly internalKey: string;
  readonly logger?: Logger;
}

const INTERNAL = /^\/internal\/recordings\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})\/(segments|snapshot)$/;
const MAX_LISTED = 100_000;

export interface RecordingRoutes {
  /** whether the path is one of these routes */
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function recordingRoutes(options: RecordingRoutesOptions): RecordingRoutes {
  const publicKey = signingKey(options.internalKey, 'recordings');
  const internalKey = signingKey(options.internalKey, 'engine-internal');

  return {
    matches: (pathname) => pathname.startsWith(RECORDINGS_PREFIX) || pathname.startsWith('/internal/recordings/'),
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://engine.invalid');
      const method = req.method ?? 'GET';
      try {
        if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { detail: 'Method not allowed' });
        if (url.pathname.startsWith(RECORDINGS_PREFIX)) return await servePublic(url, method, res);
        return await serveInternal(url, res);
      } catch (err) {
        options.logger?.error({ err, path: url.pathname }, 'serving a recording failed');
        if (!res.headersSent) sendJson(res, 500, { detail: 'Internal Server Error' });
        else res.destroy();
      }
    },
  };

  async function servePublic(url: URL, method: string, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', '*');
    const target = parseRecordingPath(url.pathname);
    if (!target) return notFound(res, 'Recording not found');
    const check = checkSignature(
      publicKey,
      url.pathname,
      url.searchParams.get('expires'),
      url.searchParams.get('signature'),
    );
    if (check !== 'ok') return refuse(res, check);
    const dir = cameraRecordingDir(options.recordingsDir, target.cameraId);
    if (target.kind === 'segment') {
      const file = `${dir}/${target.relativePath}`;
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return notFound(res, 'Segment not found');
      res.writeHead(200, {
        'content-type': 'video/mp2t',
        'content-length': info.size,
        'cache-control': 'private, max-age=3600',
      });
      if (method === 'HEAD') return void res.end();
      await pipeline(createReadStream(file), res);
      return;
    }
    const segments = await listSegments(dir, target.fromSec * 1000, target.toSec * 1000);
    if (segments.length === 0) return notFound(res, 'No recording in this range');
    const expires = Number(url.searchParams.get('expires'));
    const text = buildPlaylist(segments, {
      uri: (s) => signedSegmentUri(target.cameraId, s.relativePath, publicKey, expires),
    });
    res.writeHead(200, {
      'content-type': 'application/vnd.apple.mpegurl',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'private, no-cache',
    });
    res.end(method === 'HEAD' ? undefined : text);
  }

  async function serveInternal(url: URL, res: ServerResponse): Promise<void> {
    const m = INTERNAL.exec(url.pathname);
    if (!m) return notFound(res, 'Not found');
    const check = checkSignature(
      internalKey,
      internalResource(url),
      url.searchParams.get('expires'),
      url.searchParams.get('signature'),
    );
    if (check !== 'ok') return refuse(res, check);
    const dir = cameraRecordingDir(options.recordingsDir, m[1]!);
    if (m[2] === 'snapshot') {
      const maxAgeMs = Number(url.searchParams.get('max_age_ms') ?? 10_000);
      const snapshot = await freshSnapshot(dir, Number.isFinite(maxAgeMs) ? maxAgeMs : 10_000);
      if (!snapshot)
        return sendJson(res, 503, {
          status: 'temporarily_unavailable',
          status_code: 503,
          detail: 'The camera has no recent picture',
        });
      res.writeHead(200, {
        'content-type': 'image/jpeg',
        'content-length': snapshot.jpeg.length,
        'cache-control': 'no-store',
        'last-modified': snapshot.takenAt.toUTCString(),
      });
      return void res.end(snapshot.jpeg);
    }
    const fromMs = Number(url.searchParams.get('from_ms'));
    const toMs = Number(url.searchParams.get('to_ms'));
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
      return sendJson(res, 400, { detail: 'from_ms and to_ms are required' });
    const limit = Math.min(MAX_LISTED, Math.max(1, Number(url.searchParams.get('limit') ?? MAX_LISTED) || MAX_LISTED));
    const segments = (await listSegments(dir, fromMs, toMs)).slice(0, limit);
    sendJson(res, 200, {
      segments: segments.map((s) => ({
        relative_path: s.relativePath,
        start_ms: s.startMs,
        end_ms: s.endMs,
        duration_ms: s.durationMs,
        run_id: s.runId,
        sequence: s.sequence,
      })),
    });
  }
}

function refuse(res: ServerResponse, check: Exclude<SignatureCheck, 'ok'>): void {
  const detail =
    check === 'expired'
      ? 'The URL has expired'
      : check === 'missing'
        ? 'The URL is not signed'
        : 'The URL signature is not valid';
  sendJson(res, 403, { status: 'unauthorized', status_code: 403, detail });
}

function notFound(res: ServerResponse, detail: string): void {
  sendJson(res, 404, { status: 'not_found', status_code: 404, detail });
}
