import type { ForwardedHeaders, GraphqlClient } from '../graphql/client.js';
import { restResponseOfErrors } from '../graphql/error-mapping.js';
import type { RestResponse } from './rest-response.js';

/**
 * Checks the caller's bearer token; answers the refusal (the facade's usual 401, or 503 when the
 * identity part cannot be asked) or `undefined` when the token is accepted.
 */
export type TokenCheck = (headers: ForwardedHeaders) => Promise<RestResponse | undefined>;

const DOCUMENT = 'query RestFacadeTokenCheck { __typename }';

/**
 * The token check every operation goes through, on its own: the router verifies the token of
 * each request with the identity part before running anything (a bad, expired or revoked token
 * answers UNAUTHENTICATED), so a request that selects nothing but `__typename` checks it.
 * Its errors map to REST like any operation's, so the 401 is the one the operation would answer.
 */
export function routerTokenCheck(client: GraphqlClient): TokenCheck {
  return async (headers) => {
    const result = await client.execute(DOCUMENT, 'RestFacadeTokenCheck', {}, headers);
    if (!result.errors || result.errors.length === 0) return undefined;
    return restResponseOfErrors(result.errors);
  };
}

/** The forwarded headers without the caller's token, for operations that take none. */
export function withoutAuthorization(headers: ForwardedHeaders): ForwardedHeaders {
  const { authorization: _token, ...rest } = headers;
  return rest;
}
