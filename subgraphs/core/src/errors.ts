/**
 * Domain errors raised by services. Subgraphs expose them to GraphQL with `extensions.code`
 * (and as typed errors on mutations); the REST facade maps the code onto the spec's error bodies.
 */
export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'BAD_USER_INPUT'
  | 'UNAVAILABLE'
  | 'NOT_IMPLEMENTED'
  | 'TOO_MANY_REQUESTS';

/** Marks domain errors so they are recognised even across two loaded copies of this module. */
const DOMAIN_ERROR = Symbol.for('argus.domain-error');

export abstract class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
  abstract readonly code: ErrorCode;
  /** A spec-specific status such as `token_refresh_error`; the facade uses it as the REST `status`. */
  readonly status?: string;
  constructor(message: string, status?: string) {
    super(message);
    this.name = new.target.name;
    this.status = status;
  }
}

/** A business rule was violated (REST 400 `invalid_request` or the operation's own status). */
export class InvalidRequestError extends DomainError {
  readonly code = 'INVALID_REQUEST' as const;
}

/** The object does not exist, or the caller may not see it (REST 404). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

/** The caller lacks the permission (REST 403 `unauthorized`). */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/** No caller, or a bad/expired/revoked token (REST 401). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

/** Input the schema accepted but a field rule refused (REST 422), with the offending field path. */
export class InputValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    message: string,
    readonly field: string[],
    readonly kind = 'value_error',
  ) {
    super(message);
  }
}

/** A camera or stream server does not answer (REST 503). */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE' as const;
}

/** A per-caller limit is reached, e.g. unfinished video clips (REST 429 with the operation's status). */
export class QuotaExceededError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS' as const;
}

export function isDomainError(error: unknown): error is DomainError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[DOMAIN_ERROR] === true;
}

/** PostgreSQL refused a row because a unique index already holds its key (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** PostgreSQL refused a row whose reference is gone, or a delete of a row still referenced (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}
