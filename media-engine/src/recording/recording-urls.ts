import { signatureQuery } from './signed-url.js';

/**
 * Paths of recordings served by a stream server (signed with the `recordings` key):
 *
 *   /recordings/<camera id>/<YYYY-MM-DD>/<HH>/<segment>.ts     one recorded segment
 *   /recordings/<camera id>/index/<from s>-<to s>.m3u8          an HLS playlist of the segments overlapping [from, to)
 *
 * A playlist's segment URIs are relative (`../YYYY-MM-DD/HH/<segment>.ts?expires=…&signature=…`),
 * signed with the playlist's expiry.
 */
export const RECORDINGS_PREFIX = '/recordings/';

const CAMERA = '([A-Za-z0-9][A-Za-z0-9._-]{0,127})';
const SEGMENT_PATH = new RegExp(`^/recordings/${CAMERA}/(\\d{4}-\\d{2}-\\d{2}/\\d{2}/[a-z0-9-]+\\.ts)$`);
const INDEX_PATH = new RegExp(`^/recordings/${CAMERA}/index/(\\d{1,12})-(\\d{1,12})\\.m3u8$`);

export type RecordingPath =
  | { kind: 'segment'; cameraId: string; relativePath: string }
  | { kind: 'index'; cameraId: string; fromSec: number; toSec: number };

export function segmentPath(cameraId: string, relativePath: string): string {
  return `${RECORDINGS_PREFIX}${cameraId}/${relativePath}`;
}

export function indexPath(cameraId: string, fromSec: number, toSec: number): string {
  return `${RECORDINGS_PREFIX}${cameraId}/index/${fromSec}-${toSec}.m3u8`;
}

/** What a recordings path names; undefined for anything else (`..` never matches). */
export function parseRecordingPath(pathname: string): RecordingPath | undefined {
  if (pathname.includes('..')) return undefined;
  const segment = SEGMENT_PATH.exec(pathname);
  if (segment) return { kind: 'segment', cameraId: segment[1]!, relativePath: segment[2]! };
  const index = INDEX_PATH.exec(pathname);
  if (index) return { kind: 'index', cameraId: index[1]!, fromSec: Number(index[2]), toSec: Number(index[3]) };
  return undefined;
}

/** A signed absolute URL of a path on a stream server (`baseUrl` like `http://edge-1:8554`). */
export function signedRecordingUrl(
  baseUrl: string,
  path: string,
  key: Buffer,
  expires: number,
): { url: string; signature: string } {
  const { query, signature } = signatureQuery(key, path, expires);
  return { url: `${baseUrl.replace(/\/+$/, '')}${path}?${query}`, signature };
}

/** The relative URI of a segment inside an index playlist, signed with the playlist's expiry. */
export function signedSegmentUri(cameraId: string, relativePath: string, key: Buffer, expires: number): string {
  return `../${relativePath}?${signatureQuery(key, segmentPath(cameraId, relativePath), expires).query}`;
}

/**
 * Where a stream server's media is reached, from its registered host (STREAMSERVER_HOST):
 * `http://edge-1:8554` as given, `edge-1:8554` → `http://edge-1:8554`; undefined without one.
 */
export function streamServerBaseUrl(host: string | null | undefined): string | undefined {
  if (!host) return undefined;
  return (/^https?:\/\//i.test(host) ? host : `http://${host}`).replace(/\/+$/, '');
}
