import { createLogger } from '@argus/core';
import { describe, expect, it, vi } from 'vitest';
import type { ForwardedHeaders, GraphqlClient } from '../graphql/client.js';
import type { GraphqlResult } from '../graphql/types.js';
import { groupOperations } from './groups.js';
import type { RestRequest } from './operation.js';
import { runOperation } from './runner.js';
import { tokenOperations } from './tokens.js';
import { userOperations } from './users.js';

const logger = createLogger('rest-facade-test', 'silent');
const headers: ForwardedHeaders = { authorization: 'Bearer t', 'x-request-id': 'req-1', 'x-forwarded-for': '10.0.0.9' };
const documents = new Map([
  ['getUser', 'query getUser { user(id: 1) { id } }'],
  ['listGroups', 'q'],
  ['createGroup', 'm'],
  ['revokeToken', 'm'],
  ['refreshToken', 'm'],
]);
const request = (parts: Partial<RestRequest>): RestRequest => ({ params: {}, query: {}, body: undefined, ...parts });

function clientAnswering(result: GraphqlResult) {
  const execute = vi.fn<GraphqlClient['execute']>(async () => result);
  return { client: { execute }, execute };
}

describe('runOperation', () => {
  it('sends the document, camelCase variables and the forwarded headers', async () => {
    const { client, execute } = clientAnswering({
      data: { groups: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } },
    });
    const response = await runOperation(
      { client, documents },
      'listGroups',
      groupOperations.listGroups!,
      request({ query: { limit: 25, cursor: 'c1' } }),
      headers,
      logger,
    );
    expect(execute).toHaveBeenCalledWith('q', 'listGroups', { first: 25, after: 'c1' }, headers);
    expect(response).toEqual({ status: 200, body: { pagination: { cursor: null }, groups: [] } });
  });

  it('uses 100 when no limit is given and leaves undefined variables out', async () => {
    const { client, execute } = clientAnswering({ data: { groups: { nodes: [], pageInfo: { hasNextPage: false } } } });
    await runOperation({ client, documents }, 'listGroups', groupOperations.listGroups!, request({}), headers, logger);
    expect(execute.mock.calls[0]?.[2]).toEqual({ first: 100 });
  });

  it('answers 404 for a null by-id result', async () => {
    const { client } = clientAnswering({ data: { user: null } });
    expect(
      await runOperation(
        { client, documents },
        'getUser',
        userOperations.getUser!,
        request({ params: { user_id: 9 } }),
        headers,
        logger,
      ),
    ).toEqual({ status: 404, body: { status: 'not_found', status_code: 404, detail: 'User not found' } });
  });

  it('maps typed mutation errors', async () => {
    const { client } = clientAnswering({
      data: {
        createGroup: {
          __typename: 'InvalidRequestError',
          message: 'Provided organization does not exist',
          status: 'invalid_request',
        },
      },
    });
    const body = { name: 'n', description: 'd' };
    expect(
      await runOperation(
        { client, documents },
        'createGroup',
        groupOperations.createGroup!,
        request({ body, query: { organization_id: 5 } }),
        headers,
        logger,
      ),
    ).toMatchObject({
      status: 400,
      body: { status: 'invalid_request', detail: 'Provided organization does not exist' },
    });
  });

  it('maps GraphQL error codes', async () => {
    const { client } = clientAnswering({
      errors: [{ message: 'Permission "group_create" is required', extensions: { code: 'FORBIDDEN' } }],
      data: null,
    });
    expect(
      await runOperation(
        { client, documents },
        'createGroup',
        groupOperations.createGroup!,
        request({ body: { name: 'n', description: 'd' } }),
        headers,
        logger,
      ),
    ).toMatchObject({ status: 403, body: { status: 'unauthorized' } });
  });

  it('answers 204 without a body for a revoked token and the operation status for its errors', async () => {
    const ok = clientAnswering({ data: { revokeToken: { __typename: 'Ok', ok: true } } });
    expect(
      await runOperation(
        { client: ok.client, documents },
        'revokeToken',
        tokenOperations.revokeToken!,
        request({ body: { token: 't' } }),
        headers,
        logger,
      ),
    ).toEqual({ status: 204 });
    const failed = clientAnswering({
      data: {
        refreshToken: { __typename: 'InvalidRequestError', message: 'Invalid token', status: 'invalid_request' },
      },
    });
    expect(
      await runOperation(
        { client: failed.client, documents },
        'refreshToken',
        tokenOperations.refreshToken!,
        request({ body: {} }),
        headers,
        logger,
      ),
    ).toMatchObject({ status: 400, body: { status: 'token_refresh_error' } });
  });

  it('answers 500 and logs once for errors it does not know', async () => {
    const errorLog = vi.spyOn(logger, 'error');
    const { client } = clientAnswering({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(
      await runOperation(
        { client, documents },
        'getUser',
        userOperations.getUser!,
        request({ params: { user_id: 1 } }),
        headers,
        logger,
      ),
    ).toEqual({ status: 500, body: { detail: 'Internal Server Error' } });
    expect(errorLog).toHaveBeenCalledTimes(1);
  });
});
