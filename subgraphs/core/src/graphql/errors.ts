import { GraphQLError } from 'graphql';
import { isDomainError, InputValidationError } from '../errors.js';

/**
 * How a thrown error leaves a subgraph: domain errors keep their message and carry
 * `extensions.code` (+ `status`, `field`); anything else is masked as an internal error.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  if (isDomainError(original)) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.status) extensions.status = original.status;
    if (original instanceof InputValidationError) {
      extensions.field = original.field;
      extensions.kind = original.kind;
    }
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(original.message, { path, extensions });
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  return new GraphQLError('Internal server error', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
