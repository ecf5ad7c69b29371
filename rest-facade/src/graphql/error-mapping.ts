import {
  errorResponse,
  forbidden,
  invalidRequest,
  notFound,
  unauthenticated,
  unavailable,
  validationFailed,
  type RestResponse,
} from '../http/rest-response.js';
import { fastApiTypeOf, restLocOf, type RestLocationContext } from './rest-locations.js';
import type { GraphqlError, UnionError } from './types.js';

export interface ErrorMappingOptions extends RestLocationContext {
  /** the operation's own 400 status (token refresh/revoke); replaces whatever status GraphQL gave */
  readonly invalidStatus?: string;
}

/**
 * The REST answer for GraphQL errors, or `undefined` when none of them carries a code the
 * facade knows (the caller answers 500 and logs them).
 */
export function restResponseOfErrors(
  errors: readonly GraphqlError[],
  options: ErrorMappingOptions = {},
): RestResponse | undefined {
  const unauthenticatedError = errors.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (unauthenticatedError)
    return unauthenticated(
      unauthenticatedError.message,
      unauthenticatedError.extensions?.status ?? 'token_invalid_credentials',
    );
  const inputErrors = errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT');
  if (inputErrors.length > 0) {
    return validationFailed(
      inputErrors.map((e) => ({
        loc: e.extensions?.field ? locOfField(e.extensions.field, options) : ['body'],
        msg: e.message,
        type: fastApiTypeOf(e.extensions?.kind),
      })),
    );
  }
  const error = errors.find((e) => e.extensions?.code && KNOWN.has(e.extensions.code));
  if (!error) return undefined;
  const { code, status } = error.extensions!;
  switch (code) {
    case 'FORBIDDEN':
      return forbidden(error.message);
    case 'NOT_FOUND':
      return status ? errorResponse(404, status, error.message) : notFound(error.message);
    case 'INVALID_REQUEST':
      return invalidRequest(error.message, options.invalidStatus ?? status ?? 'invalid_request');
    case 'UNAVAILABLE':
      return unavailable(error.message);
    case 'NOT_IMPLEMENTED':
      return errorResponse(501, 'not_implemented', error.message);
    case 'TOO_MANY_REQUESTS': {
      const response = errorResponse(429, status ?? 'too_many_requests', error.message);
      return withRetryAfter(response, error.extensions?.retryAfter);
    }
    default:
      return undefined;
  }
}

/**
 * FastAPI's `loc` from a subgraph's `extensions.field`, the path of the refused value in the
 * operation's GraphQL arguments (["input", "videoAnalytics", "motion", "regions", "0", "name"] →
 * ["body", "video_analytics", "motion", "regions", 0, "name"]); see rest-locations.ts.
 */
export function locOfField(
  field: readonly (string | number)[],
  context: RestLocationContext = {},
): (string | number)[] {
  return restLocOf(field, context);
}

/** A 429 with the seconds a throttled caller waits (extensions.retryAfter) as its Retry-After header. */
function withRetryAfter(response: RestResponse, retryAfter: unknown): RestResponse {
  if (typeof retryAfter !== 'number' || !Number.isFinite(retryAfter) || retryAfter < 0) return response;
  return { ...response, headers: { ...response.headers, 'retry-after': String(Math.ceil(retryAfter)) } };
}

const KNOWN = new Set([
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_REQUEST',
  'UNAVAILABLE',
  'NOT_IMPLEMENTED',
  'TOO_MANY_REQUESTS',
]);

export function isUnionError(value: unknown): value is UnionError {
  const typename = (value as { __typename?: unknown } | null)?.__typename;
  return typename === 'InvalidRequestError' || typename === 'NotFoundError';
}

/** The REST answer for a typed error returned as a member of a mutation's result union. */
export function restResponseOfUnionError(error: UnionError, options: ErrorMappingOptions = {}): RestResponse {
  if (error.__typename === 'NotFoundError') return notFound(error.message);
  return invalidRequest(error.message, options.invalidStatus ?? error.status ?? 'invalid_request');
}
