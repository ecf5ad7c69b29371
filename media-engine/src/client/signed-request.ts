import { createHash, timingSafeEqual } from 'node:crypto';
import { checkSignature, internalResource, signInternalUrl, type SignatureCheck } from '../recording/signed-url.js';

/** How long an internal request's signature is valid (judged by the engine's clock). */
export const INTERNAL_SIGNATURE_TTL_S = 60;
/** The query parameter binding a request body to the signature (hex sha256 of the exact body). */
export const SIGNED_BODY_PARAM = 'body_sha256';

/** A signed internal GET URL: `engine-internal` key over path + query. */
export function signedInternalGet(url: URL, key: Buffer, nowMs = Date.now()): URL {
  return signInternalUrl(url, key, Math.floor(nowMs / 1000) + INTERNAL_SIGNATURE_TTL_S);
}

/**
 * A signed internal URL for a request with a body (a JSON POST, a JPEG PUT): the query carries
 * the body's hash, so the body is signed too.
 */
export function signedInternalPost(url: URL, body: string | Uint8Array, key: Buffer, nowMs = Date.now()): URL {
  url.searchParams.set(SIGNED_BODY_PARAM, sha256Hex(body));
  return signedInternalGet(url, key, nowMs);
}

/** Whether the received body is the one whose hash was signed (constant-time comparison). */
export function bodyMatchesSignature(raw: string | Uint8Array, url: URL): boolean {
  const given = url.searchParams.get(SIGNED_BODY_PARAM);
  if (!given) return false;
  const expected = Buffer.from(sha256Hex(raw));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The whole check of a signed internal request with a body: signature, expiry, then the body's hash. */
export function checkSignedRequest(
  url: URL,
  body: string | Uint8Array,
  key: Buffer,
  nowMs = Date.now(),
): SignatureCheck | 'body' {
  const check = checkSignature(
    key,
    internalResource(url),
    url.searchParams.get('expires'),
    url.searchParams.get('signature'),
    nowMs,
  );
  if (check !== 'ok') return check;
  return bodyMatchesSignature(body, url) ? 'ok' : 'body';
}

function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}
