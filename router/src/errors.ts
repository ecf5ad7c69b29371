import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { maskError } from 'graphql-yoga';

/** The code Hive's HTTP transport gives an error when a subgraph could not be reached. */
const SUBGRAPH_UNREACHABLE = 'SUBREQUEST_HTTP_ERROR';

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/**
 * graphql-js's errors for a variable whose value does not fit its type, or that is missing or null
 * where it must not be (`Variable "$input" got invalid value …`); validation errors about variables
 * carry their own code already.
 */
const INVALID_VARIABLE = /^Variable "\$[_A-Za-z][_0-9A-Za-z]*" /;

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
 * REST facade's 503); a variable the router refuses is BAD_USER_INPUT, as the subgraphs (Apollo
 * Server) report one; anything else unexpected is masked.
 */
export function maskRouterError(error: unknown, message: string, isDev?: boolean): Error {
  if (isGraphQLError(error) && error.extensions?.code === undefined && INVALID_VARIABLE.test(error.message)) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
    });
  }
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
