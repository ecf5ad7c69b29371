import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { maskError } from 'graphql-yoga';

/** The code Hive's HTTP transport gives an error when a subgraph could not be reached. */
const SUBGRAPH_UNREACHABLE = 'SUBREQUEST_HTTP_ERROR';

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/**
 * A subgraph's error as the Rust query planner relays a failed subscription: the plain object
 * the subgraph answered ({ message, path, extensions }), not an Error.
 */
function isRelayedSubgraphError(error: unknown): error is GraphQLFormattedError {
  if (typeof error !== 'object' || error === null || error instanceof Error) return false;
  const { message, extensions } = error as Partial<GraphQLFormattedError>;
  return typeof message === 'string' && typeof extensions?.code === 'string';
}

/**
 * How errors leave the router: subgraph errors pass unchanged (also as the Rust planner relays
 * them from a refused subscription); a subgraph that does not answer becomes UNAVAILABLE (the
 * REST facade's 503); anything else unexpected is masked.
 */
export function maskRouterError(error: unknown, message: string, isDev?: boolean): Error {
  if (isGraphQLError(error) && error.extensions?.code === SUBGRAPH_UNREACHABLE) {
    return new GraphQLError('A service is temporarily unavailable', {
      path: error.path,
      extensions: { code: 'UNAVAILABLE' },
    });
  }
  if (isRelayedSubgraphError(error)) {
    return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
  }
  return maskError(error, message, isDev);
}
