import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Viewer } from './viewer.js';

/**
 * The router passes the caller to subgraphs in one header, signed with the internal key
 * so a subgraph never trusts a caller it cannot verify. Every call the router forwards carries
 * it: a verified viewer, or an anonymous caller (sign-in, hello) that came through the router.
 */
export const VIEWER_HEADER = 'x-argus-viewer';
const MAX_AGE_SECONDS = 300;

/** The caller a well-signed header names: a viewer, or anonymous (no viewer) with its client address. */
export interface SignedCaller {
  readonly viewer?: Viewer;
  readonly clientIp?: string;
}

function sign(payload: string, key: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function seal(claims: object, key: string, now: number): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, iat: Math.floor(now / 1000) })).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

export function encodeViewer(viewer: Viewer, key: string, now = Date.now()): string {
  return seal(viewer, key, now);
}

/** The header of an anonymous caller forwarded by the router (operations the public API allows without a token). */
export function encodeAnonymous(key: string, clientIp?: string, now = Date.now()): string {
  return seal({ anonymous: true, ...(clientIp ? { clientIp } : {}) }, key, now);
}

/** The header of a viewer, or of an anonymous caller when there is none. */
export function encodeCaller(viewer: Viewer | undefined, key: string, clientIp?: string, now = Date.now()): string {
  return viewer ? encodeViewer(viewer, key, now) : encodeAnonymous(key, clientIp, now);
}

/** The caller of a well-signed, fresh header; undefined for a missing, forged, stale or malformed one. */
export function decodeCaller(header: string, key: string, now = Date.now()): SignedCaller | undefined {
  const [payload, signature, extra] = header.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { iat, anonymous, ...rest } = claims as Record<string, unknown>;
  if (typeof iat !== 'number' || Math.abs(now / 1000 - iat) > MAX_AGE_SECONDS) return undefined;
  const clientIp = typeof rest.clientIp === 'string' ? rest.clientIp : undefined;
  if (anonymous === true) return { clientIp };
  if (typeof rest.userId !== 'number' || typeof rest.organizationId !== 'number') return undefined;
  const viewer = rest as unknown as Viewer;
  return { viewer, clientIp };
}

/** The viewer of a well-signed, fresh header naming one; undefined otherwise (anonymous callers included). */
export function decodeViewer(header: string, key: string, now = Date.now()): Viewer | undefined {
  return decodeCaller(header, key, now)?.viewer;
}
