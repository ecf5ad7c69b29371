import type { ServerResponse } from 'node:http';
import { InputValidationError, isDomainError, sendJson } from '@argus/core';

/**
 * Answers a domain error in the REST contract's shape (the facade passes these answers on
 * unchanged): 422 `{detail:[{loc,msg,type}]}`, otherwise `{status, status_code, detail}`.
 * Returns false for any other error.
 */
export function sendRestError(res: ServerResponse, error: unknown): boolean {
  if (!isDomainError(error)) return false;
  if (error instanceof InputValidationError) {
    sendJson(res, 422, { detail: [{ loc: error.field, msg: error.message, type: error.kind }] });
    return true;
  }
  const [statusCode, status] = STATUS[error.code] ?? [400, 'invalid_request'];
  if (statusCode === 401) res.setHeader('www-authenticate', 'Bearer');
  sendJson(res, statusCode, { status: error.status ?? status, status_code: statusCode, detail: error.message });
  return true;
}

const STATUS: Record<string, [number, string]> = {
  UNAUTHENTICATED: [401, 'token_invalid_credentials'],
  FORBIDDEN: [403, 'unauthorized'],
  NOT_FOUND: [404, 'not_found'],
  INVALID_REQUEST: [400, 'invalid_request'],
  UNAVAILABLE: [503, 'temporarily_unavailable'],
  NOT_IMPLEMENTED: [501, 'not_implemented'],
};
