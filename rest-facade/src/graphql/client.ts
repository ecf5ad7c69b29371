import type { GraphqlResult } from './types.js';

/** Headers passed on to the router: the caller's token, the request id and the client address. */
export interface ForwardedHeaders {
  readonly authorization?: string;
  readonly 'x-request-id': string;
  readonly 'x-forwarded-for'?: string;
}

/** The router could not be reached or did not answer GraphQL. */
export class GraphqlTransportError extends Error {
  override readonly name = 'GraphqlTransportError';
}

export interface GraphqlClient {
  execute(
    document: string,
    operationName: string,
    variables: Record<string, unknown>,
    headers: ForwardedHeaders,
  ): Promise<GraphqlResult>;
}

/** Sends one request and answers its response: the global `fetch`, or a router's in-process entry. */
export type GraphqlFetch = (request: Request) => Promise<Response>;

const networkFetch: GraphqlFetch = (request) => fetch(request);

/**
 * Runs operations as graphql-over-http POSTs to `url`: over the network by default, or through
 * `send` (a router in the same process, called without a socket), with the same timeout either way.
 */
export function httpGraphqlClient(url: string, timeoutMs: number, send: GraphqlFetch = networkFetch): GraphqlClient {
  return {
    async execute(document, operationName, variables, headers) {
      let response: Response;
      try {
        response = await send(
          new Request(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/graphql-response+json, application/json',
              ...withoutUndefined(headers),
            },
            body: JSON.stringify({ query: document, operationName, variables }),
            signal: AbortSignal.timeout(timeoutMs),
          }),
        );
      } catch (error) {
        throw new GraphqlTransportError(`GraphQL endpoint ${url} unreachable`, { cause: error });
      }
      const text = await response.text();
      let result: unknown;
      try {
        result = JSON.parse(text);
      } catch {
        throw new GraphqlTransportError(`GraphQL endpoint answered HTTP ${response.status} without JSON`);
      }
      if (!isResult(result))
        throw new GraphqlTransportError(`GraphQL endpoint answered HTTP ${response.status} without data or errors`);
      return result;
    },
  };
}

function isResult(value: unknown): value is GraphqlResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    ('data' in value || Array.isArray((value as { errors?: unknown }).errors))
  );
}

function withoutUndefined(headers: ForwardedHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
