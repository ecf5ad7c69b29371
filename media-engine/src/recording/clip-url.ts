import { checkSignature, signatureQuery, signingKey, type SignatureCheck } from './signed-url.js';

/**
 * Download URLs of video clips, signed like recordings (signed-url.ts, key purpose `recordings`,
 * resource = the path): a stream server serves the clips it cut at
 *
 *   <its base URL>/clips/<clip id>.mp4?expires=<epoch s>&signature=<sig>
 *
 * The media subgraph shares ARGUS_INTERNAL_KEY and signs the URL when it answers a clip, so the
 * engine checks a download without asking anyone, and a URL is of no use for another clip or
 * after it expires.
 */
export const CLIPS_PREFIX = '/clips/';

const CLIP_PATH = /^\/clips\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.mp4$/;

/** The clip file's name in the clips folder and in its URL. */
export function clipFileName(clipId: string): string {
  return `${clipId}.mp4`;
}

export function clipPath(clipId: string): string {
  return `${CLIPS_PREFIX}${clipFileName(clipId)}`;
}

/** The clip id a path names; undefined for anything else. Pure. */
export function parseClipPath(pathname: string): string | undefined {
  return CLIP_PATH.exec(pathname)?.[1];
}

/** The clip's signed download URL on the stream server at `baseUrl`, valid until `expires` (epoch s). Pure. */
export function signedClipUrl(baseUrl: string, clipId: string, internalKey: string, expires: number): string {
  const path = clipPath(clipId);
  return `${baseUrl.replace(/\/+$/, '')}${path}?${signatureQuery(signingKey(internalKey, 'recordings'), path, expires).query}`;
}

/** Checks a clip request's `expires` and `signature`. */
export function checkClipSignature(url: URL, internalKey: string, nowMs = Date.now()): SignatureCheck {
  return checkSignature(
    signingKey(internalKey, 'recordings'),
    url.pathname,
    url.searchParams.get('expires'),
    url.searchParams.get('signature'),
    nowMs,
  );
}
