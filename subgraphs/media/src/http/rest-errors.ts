import type { ServerResponse } from 'node:http';
import { InputValidationError, isDomainError, sendJson, type ValidationKind } from '@argus/core';

/**
 * Answers a domain error in the REST contract's shape (the facade passes these answers on
 * unchanged): 422 `{detail:[{loc,msg,type}]}`, otherwise `{status, status_code, detail}`.
 * Returns false for any other error. The routes answered here are REST routes only (uploads,
 * snapshots): their validation errors name the request's own `loc` (`["query", "kind"]`), and
 * only their kinds need FastAPI's names.
 */
export function sendRestError(res: ServerResponse, error: unknown): boolean {
  if (!isDomainError(error)) return false;
  if (error instanceof InputValidationError) {
    const type = FASTAPI_TYPES[error.kind] ?? 'value_error';
    sendJson(res, 422, { detail: [{ loc: error.field, msg: error.message, type }] });
    return true;
  }
  const [statusCode, status] = STATUS[error.code] ?? [400, 'invalid_request'];
  if (statusCode === 401) res.setHeader('www-authenticate', 'Bearer');
  sendJson(res, statusCode, { status: error.status ?? status, status_code: statusCode, detail: error.message });
  return true;
}

/** FastAPI's error type for the kinds these routes raise. */
const FASTAPI_TYPES: Partial<Record<ValidationKind, string>> = {
  missing: 'value_error.missing',
  not_one_of: 'type_error.enum',
  not_a_uuid: 'type_error.uuid',
};

const STATUS: Record<string, [number, string]> = {
  UNAUTHENTICATED: [401, 'token_invalid_credentials'],
  FORBIDDEN: [403, 'unauthorized'],
  NOT_FOUND: [404, 'not_found'],
  INVALID_REQUEST: [400, 'invalid_request'],
  UNAVAILABLE: [503, 'temporarily_unavailable'],
  NOT_IMPLEMENTED: [501, 'not_implemented'],
};
