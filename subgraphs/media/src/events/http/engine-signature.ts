import { checkSignedRequest, signingKey } from '@argus/media-engine/client';

/**
 * Checks a request an engine signed with `signedInternalPost` (`engine-internal` key over path and
 * query, `expires`, `signature`, and `body_sha256` binding the body), as the engines check theirs.
 */
export function engineSignatureCheck(
  url: URL,
  body: Buffer,
  internalKey: string,
  now = Date.now(),
): 'ok' | 'missing' | 'expired' | 'invalid' | 'body' {
  return checkSignedRequest(url, body, signingKey(internalKey, 'engine-internal'), now);
}
