import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';

/** The code Hive's HTTP transport gives an error when a subgraph could not be reached. */
const SUBGRAPH_UNREACHABLE = 'SUBREQUEST_HTTP_ERROR';

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/**
 * How errors leave the router: subgraph errors pass unchanged; a subgraph that does not
 * answer becomes UNAVAILABLE (the REST facade's 503); anything else unexpected is masked.
 */
export function maskRouterError(error: unknown, message: string, isDev?: boolean): Error {
  if (isGraphQLError(error) && error.extensions?.code === SUBGRAPH_UNREACHABLE) {
    return new GraphQLError('A service is temporarily unavailable', { path: error.path, extensions: { code: 'UNAVAILABLE' } });
  }
  return maskError(error, message, isDev);
}
