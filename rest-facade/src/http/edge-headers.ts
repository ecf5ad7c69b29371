import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers on every facade answer: no content sniffing, never framed (clickjacking), no referrer
 * leaked from the docs page.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
});

/** What a cross-origin caller may send besides the CORS-safelisted headers. */
const ALLOWED_REQUEST_HEADERS =
  'authorization, content-type, x-request-id, range, if-range, if-none-match, if-modified-since';
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
/** Answer headers a cross-origin script may read. */
const EXPOSED_HEADERS =
  'x-request-id, content-range, content-disposition, etag, last-modified, retry-after, www-authenticate, pagination-cursor';
/** How long a browser may keep a preflight answer (seconds). */
const PREFLIGHT_MAX_AGE = '600';

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** The origin a request came from when the allow-list admits it (`*` admits any), else undefined. */
export function allowedOrigin(origin: string | undefined, allowed: readonly string[]): string | undefined {
  if (!origin || allowed.length === 0) return undefined;
  if (allowed.includes(origin)) return origin;
  return allowed.includes('*') ? '*' : undefined;
}

/**
 * CORS against the allow-list (CORS_ORIGINS). An admitted origin gets
 * `Access-Control-Allow-Origin` with exactly that origin (or `*` for a wildcard list), never
 * `Access-Control-Allow-Credentials`: the API takes bearer tokens, not cookies. A preflight
 * (`OPTIONS` with `Access-Control-Request-Method`) is answered here: 204 for an admitted origin,
 * 400 `{detail: "Disallowed CORS origin"}` otherwise. Returns true when the request was answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = header(req, 'origin');
  const admitted = allowedOrigin(origin, allowed);
  if (allowed.length > 0 && !allowed.includes('*')) res.setHeader('vary', 'Origin');
  const preflight =
    req.method === 'OPTIONS' && origin !== undefined && header(req, 'access-control-request-method') !== undefined;
  if (!admitted) {
    if (!preflight) return false;
    req.resume();
    const body = JSON.stringify({ detail: 'Disallowed CORS origin' });
    res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
  res.setHeader('access-control-allow-origin', admitted);
  if (!preflight) {
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    return false;
  }
  req.resume();
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': ALLOWED_REQUEST_HEADERS,
    'access-control-max-age': PREFLIGHT_MAX_AGE,
    'content-length': '0',
  });
  res.end();
  return true;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
