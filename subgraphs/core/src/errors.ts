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

/**
 * What is wrong with a value a validation error names (`extensions.kind` in GraphQL answers). The
 * vocabulary is the domain's; the REST facade maps each kind onto its own error types.
 *
 * - `invalid`: the value breaks a rule no other kind names (a bad cursor, a plate number without
 *   letters or digits, an end time before the start)
 * - `missing`: a value that must be given is absent or empty
 * - `too_short` / `too_long`: text below / above its length limits (`limit` holds the bound)
 * - `too_small` / `too_large`: a number below / above its bounds (`limit` holds the bound)
 * - `not_positive`: a number that must be greater than zero is not
 * - `out_of_range`: a number outside `min`..`max`
 * - `not_a_number` / `not_an_integer`: a number that is not finite / not whole
 * - `too_few_items` / `too_many_items`: a list below / above its size limits (`limit` holds the bound)
 * - `not_one_of`: a value outside its fixed set of choices
 * - `wrong_format`: text that does not have the required form
 * - `not_a_date`, `not_an_email`, `not_a_uuid`: text that is not a calendar date (YYYY-MM-DD),
 *   an e-mail address, a UUID
 * - `invalid_url`, `invalid_url_scheme`, `invalid_url_host`: a URL that does not parse, whose
 *   scheme is missing or not permitted, whose host is missing
 */
export type ValidationKind =
  | 'invalid'
  | 'missing'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_large'
  | 'not_positive'
  | 'out_of_range'
  | 'not_a_number'
  | 'not_an_integer'
  | 'too_few_items'
  | 'too_many_items'
  | 'not_one_of'
  | 'wrong_format'
  | 'not_a_date'
  | 'not_an_email'
  | 'not_a_uuid'
  | 'invalid_url'
  | 'invalid_url_scheme'
  | 'invalid_url_host';

/** Every validation kind, for checks and documentation. */
export const VALIDATION_KINDS: readonly ValidationKind[] = [
  'invalid',
  'missing',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'not_positive',
  'out_of_range',
  'not_a_number',
  'not_an_integer',
  'too_few_items',
  'too_many_items',
  'not_one_of',
  'wrong_format',
  'not_a_date',
  'not_an_email',
  'not_a_uuid',
  'invalid_url',
  'invalid_url_scheme',
  'invalid_url_host',
];

/** The bounds a refused value broke: `limit` for one-sided kinds, `min` and `max` for `out_of_range`. */
export interface ValidationBounds {
  readonly limit?: number;
  readonly min?: number;
  readonly max?: number;
}

/**
 * Input the schema accepted but a field rule refused (REST 422). `field` is where the value sits
 * in the operation's arguments, as the GraphQL schema names them: `["input", "onvifPort"]`,
 * `["input", "schedulerTags", "0"]`, `["first"]`, `["after"]`.
 */
export class InputValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    message: string,
    readonly field: string[],
    readonly kind: ValidationKind = 'invalid',
    readonly bounds: ValidationBounds = {},
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
