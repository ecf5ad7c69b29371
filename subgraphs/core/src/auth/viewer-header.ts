import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Viewer } from './viewer.js';

/**
 * The router passes the caller to subgraphs in one header, signed with the internal key
 * so a subgraph never trusts a caller it cannot verify.
 */
export const VIEWER_HEADER = 'x-argus-viewer';
const MAX_AGE_SECONDS = 300;

function sign(payload: string, key: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function encodeViewer(viewer: Viewer, key: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...viewer, iat: Math.floor(now / 1000) })).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

/** The viewer of a well-signed, fresh header; undefined otherwise. */
export function decodeViewer(header: string, key: string, now = Date.now()): Viewer | undefined {
  const [payload, signature] = header.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { iat, ...viewer } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Viewer & { iat: number };
    if (typeof iat !== 'number' || Math.abs(now / 1000 - iat) > MAX_AGE_SECONDS) return undefined;
    return viewer;
  } catch {
    return undefined;
  }
}
