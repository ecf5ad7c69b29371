import { GraphQLError } from 'graphql';
import { isDomainError, InputValidationError } from '../errors.js';

/**
 * How a thrown error leaves a subgraph: domain errors keep their message and carry
 * `extensions.code` (+ `status`, `field`); anything else is masked as an internal error.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  // duck-typed: the executor's GraphQLError may come from another loaded copy of graphql
  const wrapped = isGraphQLError(error) ? error : undefined;
  const original = wrapped?.originalError ?? error;
  if (isDomainError(original)) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.status) extensions.status = original.status;
    if (original instanceof InputValidationError) {
      extensions.field = original.field;
      extensions.kind = original.kind;
    }
    return new GraphQLError(original.message, { path: wrapped?.path, extensions });
  }
  if (wrapped && !wrapped.originalError) return new GraphQLError(wrapped.message, { path: wrapped.path, extensions: wrapped.extensions });
  return new GraphQLError('Internal server error', { path: wrapped?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error);
}
