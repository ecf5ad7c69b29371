import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed URLs of recordings (and of the engine's internal endpoints).
 *
 * key       = HMAC-SHA256(ARGUS_INTERNAL_KEY, "argus-signed-url:" + purpose)   (a key per purpose)
 * signature = base64url(HMAC-SHA256(key, resource + "\n" + expires))
 *
 * `resource` is the URL's path (percent-encoded, as sent) and, for internal calls, its other query
 * parameters; `expires` is epoch seconds. The URL carries `?expires=<s>&signature=<sig>`. A URL
 * whose signature does not match (constant-time compare) or whose expiry has passed is refused.
 */
export type SignedUrlPurpose = 'recordings' | 'engine-internal';

export const EXPIRES_PARAM = 'expires';
export const SIGNATURE_PARAM = 'signature';

export function signingKey(internalKey: string, purpose: SignedUrlPurpose): Buffer {
  return createHmac('sha256', internalKey).update(`argus-signed-url:${purpose}`).digest();
}

export function signResource(key: Buffer, resource: string, expires: number): string {
  return createHmac('sha256', key).update(`${resource}\n${expires}`).digest('base64url');
}

/** `expires=…&signature=…` for a resource. */
export function signatureQuery(key: Buffer, resource: string, expires: number): { query: string; signature: string } {
  const signature = signResource(key, resource, expires);
  return { query: `${EXPIRES_PARAM}=${expires}&${SIGNATURE_PARAM}=${signature}`, signature };
}

export type SignatureCheck = 'ok' | 'missing' | 'expired' | 'invalid';

/** Checks a request's `expires` and `signature` for a resource, at `nowMs`. */
export function checkSignature(
  key: Buffer,
  resource: string,
  expiresRaw: string | null,
  signatureRaw: string | null,
  nowMs = Date.now(),
): SignatureCheck {
  if (!expiresRaw || !signatureRaw) return 'missing';
  if (!/^\d{1,12}$/.test(expiresRaw)) return 'invalid';
  const expected = Buffer.from(signResource(key, resource, Number(expiresRaw)));
  const given = Buffer.from(signatureRaw);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return Number(expiresRaw) * 1000 <= nowMs ? 'expired' : 'ok';
}

/** The resource of an internal request: its path and its query without expires/signature, in order. */
export function internalResource(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete(EXPIRES_PARAM);
  params.delete(SIGNATURE_PARAM);
  const rest = params.toString();
  return rest ? `${url.pathname}?${rest}` : url.pathname;
}

/** Appends expires and signature to an internal URL (signed over internalResource). */
export function signInternalUrl(url: URL, key: Buffer, expires: number): URL {
  const signed = new URL(url);
  const { query } = signatureQuery(key, internalResource(url), expires);
  signed.search = signed.search ? `${signed.search}&${query}` : `?${query}`;
  return signed;
}
