import type { ValidationDetail } from '../openapi/validation-errors.js';

/** What a handler answers; the HTTP layer writes it. */
export interface RestResponse {
  readonly status: number;
  /** JSON body; absent for 204 */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `{status, status_code, detail}`, the spec's error body for everything but 422. */
export function errorResponse(statusCode: number, status: string, detail: string): RestResponse {
  const headers = statusCode === 401 ? { 'www-authenticate': 'Bearer' } : undefined;
  return { status: statusCode, body: { status, status_code: statusCode, detail }, headers };
}

export const unauthenticated = (detail = 'Not authenticated', status = 'token_invalid_credentials') =>
  errorResponse(401, status, detail);
export const forbidden = (detail: string) => errorResponse(403, 'unauthorized', detail);
export const notFound = (detail: string) => errorResponse(404, 'not_found', detail);
export const invalidRequest = (detail: string, status = 'invalid_request') => errorResponse(400, status, detail);
export const unavailable = (detail: string) => errorResponse(503, 'temporarily_unavailable', detail);
export const notImplemented = (detail: string) => errorResponse(501, 'not_implemented', detail);

/** FastAPI's 422 body. */
export const validationFailed = (detail: ValidationDetail[]): RestResponse => ({ status: 422, body: { detail } });

/** FastAPI's bodies for routing failures and unexpected errors: `{detail}` only. */
export const routeNotFound: RestResponse = { status: 404, body: { detail: 'Not Found' } };
export const methodNotAllowed: RestResponse = { status: 405, body: { detail: 'Method Not Allowed' } };
export const internalError: RestResponse = { status: 500, body: { detail: 'Internal Server Error' } };

export const json = (body: unknown, status = 200): RestResponse => ({ status, body });
export const noContent: RestResponse = { status: 204 };
