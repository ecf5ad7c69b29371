import { describe, expect, it } from 'vitest';
import type { ForwardedHeaders, GraphqlClient } from '../graphql/client.js';
import type { GraphqlResult } from '../graphql/types.js';
import { routerTokenCheck, withoutAuthorization } from './token-check.js';

const HEADERS: ForwardedHeaders = {
  authorization: 'Bearer t',
  'x-request-id': 'r1',
  'x-forwarded-for': '198.51.100.1',
};

function clientAnswering(result: GraphqlResult) {
  const calls: { document: string; headers: ForwardedHeaders }[] = [];
  const client: GraphqlClient = {
    execute: async (document, _name, _variables, headers) => {
      calls.push({ document, headers });
      return result;
    },
  };
  return { client, calls };
}

describe('routerTokenCheck', () => {
  it('accepts the token when the router answers data', async () => {
    const { client, calls } = clientAnswering({ data: { __typename: 'Query' } });
    expect(await routerTokenCheck(client)(HEADERS)).toBeUndefined();
    expect(calls).toEqual([{ document: expect.stringContaining('__typename'), headers: HEADERS }]);
  });

  it("answers the facade's 401 when the router refuses the token", async () => {
    const { client } = clientAnswering({
      errors: [{ message: 'Token has been revoked', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(await routerTokenCheck(client)(HEADERS)).toEqual({
      status: 401,
      body: { status: 'token_invalid_credentials', status_code: 401, detail: 'Token has been revoked' },
      headers: { 'www-authenticate': 'Bearer' },
    });
  });

  it('answers 503 when the identity part cannot be asked', async () => {
    const { client } = clientAnswering({
      errors: [{ message: 'Authentication is temporarily unavailable', extensions: { code: 'UNAVAILABLE' } }],
    });
    expect(await routerTokenCheck(client)(HEADERS)).toMatchObject({ status: 503 });
  });
});

describe('withoutAuthorization', () => {
  it('drops the token and keeps the other headers', () => {
    expect(withoutAuthorization(HEADERS)).toEqual({ 'x-request-id': 'r1', 'x-forwarded-for': '198.51.100.1' });
  });
});
