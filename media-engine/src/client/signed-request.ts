import { createHash, timingSafeEqual } from 'node:crypto';
import { signInternalUrl } from '../recording/signed-url.js';

/** How long an internal request's signature is valid (judged by the engine's clock). */
export const INTERNAL_SIGNATURE_TTL_S = 60;
/** The query parameter binding a POST body to the signature (hex sha256 of the exact body). */
export const SIGNED_BODY_PARAM = 'body_sha256';

/** A signed internal GET URL: `engine-internal` key over path + query. */
export function signedInternalGet(url: URL, key: Buffer, nowMs = Date.now()): URL {
  return signInternalUrl(url, key, Math.floor(nowMs / 1000) + INTERNAL_SIGNATURE_TTL_S);
}

/** A signed internal POST URL whose query carries the body's hash, so the body is signed too. */
export function signedInternalPost(url: URL, body: string, key: Buffer, nowMs = Date.now()): URL {
  url.searchParams.set(SIGNED_BODY_PARAM, createHash('sha256').update(body).digest('hex'));
  return signedInternalGet(url, key, nowMs);
}

/** Whether the received body is the one whose hash was signed (constant-time comparison). */
export function bodyMatchesSignature(raw: string, url: URL): boolean {
  const given = url.searchParams.get(SIGNED_BODY_PARAM);
  if (!given) return false;
  const expected = Buffer.from(createHash('sha256').update(raw).digest('hex'));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
