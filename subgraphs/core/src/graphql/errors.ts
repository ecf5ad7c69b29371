import { GraphQLError } from 'graphql';
import { isDomainError, InputValidationError } from '../errors.js';

/**
 * How a thrown error leaves a subgraph: domain errors keep their message and carry
 * `extensions.code` (+ `status`; for validation errors `field`, `kind` and any `limit`, `min`, `max`);
 * a value PostgreSQL refused as data (SQLSTATE class 22: a NUL character, a number or date out of
 * range) is bad input (BAD_USER_INPUT, kind `invalid`);
 * anything else is masked as an internal error.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  // duck-typed: the executor's GraphQLError may come from another loaded copy of graphql
  const wrapped = isGraphQLError(error) ? error : undefined;
  const original = wrapped?.originalError ?? error;
  if (isDomainError(original)) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.status) extensions.status = original.status;
    // seconds until a throttled caller may try again (REST Retry-After)
    const { retryAfter } = original as { retryAfter?: unknown };
    if (typeof retryAfter === 'number') extensions.retryAfter = retryAfter;
    // refused before execution (no or bad credentials): the HTTP answer is 401 (yoga drops `http` from the body)
    if (!wrapped && original.code === 'UNAUTHENTICATED')
      extensions.http = { status: 401, headers: { 'www-authenticate': 'Bearer' } };
    if (original instanceof InputValidationError) {
      extensions.field = original.field;
      extensions.kind = original.kind;
      Object.assign(extensions, original.bounds);
    }
    return new GraphQLError(original.message, { path: wrapped?.path, extensions });
  }
  if (wrapped && !wrapped.originalError)
    return new GraphQLError(wrapped.message, { path: wrapped.path, extensions: wrapped.extensions });
  const cause = (original as { cause?: unknown } | undefined)?.cause;
  const dataException = dataExceptionMessage(original) ?? dataExceptionMessage(cause);
  if (dataException) {
    const extensions = { code: 'BAD_USER_INPUT', kind: 'invalid' };
    return new GraphQLError(dataException, { path: wrapped?.path, extensions });
  }
  return new GraphQLError('Internal server error', {
    path: wrapped?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return (
    error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error)
  );
}

/** What the client is told for PostgreSQL's data exceptions (class 22), without the server's own wording. */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22021': 'A string contains a character that cannot be stored (such as NUL, \\u0000)',
  '22P05': 'A string contains a character that cannot be stored (such as NUL, \\u0000)',
  '22001': 'A string is too long',
  '22003': 'A number is out of range',
  '22008': 'A date or time is out of range',
  '22007': 'A date or time is not valid',
  '22P02': 'A value does not have the expected type',
};

/**
 * The message for a PostgreSQL data exception (SQLSTATE 22xxx, from pg or PGlite), or undefined
 * for any other error.
 */
export function dataExceptionMessage(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !/^22[0-9A-Z]{3}$/.test(code)) return undefined;
  return DATA_EXCEPTIONS[code] ?? 'A value is not valid';
}
