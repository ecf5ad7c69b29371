import { describe, expect, it } from 'vitest';
import { isUnionError, restResponseOfErrors, restResponseOfUnionError } from './error-mapping.js';
import type { GraphqlError } from './types.js';

const error = (message: string, extensions?: GraphqlError['extensions']): GraphqlError => ({ message, extensions });

describe('restResponseOfErrors: GraphQL extensions.code → REST error', () => {
  const table: [string, GraphqlError[], number, unknown][] = [
    [
      'UNAUTHENTICATED with the default status',
      [error('Invalid token', { code: 'UNAUTHENTICATED' })],
      401,
      { status: 'token_invalid_credentials', status_code: 401, detail: 'Invalid token' },
    ],
    [
      'UNAUTHENTICATED with its own status',
      [error('Incorrect username or password', { code: 'UNAUTHENTICATED', status: 'token_invalid_credentials' })],
      401,
      { status: 'token_invalid_credentials', status_code: 401, detail: 'Incorrect username or password' },
    ],
    [
      'FORBIDDEN',
      [error('Permission "user_read" is required', { code: 'FORBIDDEN' })],
      403,
      { status: 'unauthorized', status_code: 403, detail: 'Permission "user_read" is required' },
    ],
    [
      'NOT_FOUND',
      [error('User not found', { code: 'NOT_FOUND' })],
      404,
      { status: 'not_found', status_code: 404, detail: 'User not found' },
    ],
    [
      'INVALID_REQUEST',
      [error('Group has users', { code: 'INVALID_REQUEST' })],
      400,
      { status: 'invalid_request', status_code: 400, detail: 'Group has users' },
    ],
    [
      'INVALID_REQUEST with its own status',
      [error('Refresh token has been revoked', { code: 'INVALID_REQUEST', status: 'token_refresh_error' })],
      400,
      { status: 'token_refresh_error', status_code: 400, detail: 'Refresh token has been revoked' },
    ],
    [
      'BAD_USER_INPUT with field and kind',
      [
        error('value is not a valid email address', {
          code: 'BAD_USER_INPUT',
          field: ['body', 'email'],
          kind: 'value_error.email',
        }),
      ],
      422,
      { detail: [{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error.email' }] },
    ],
    [
      'BAD_USER_INPUT without kind',
      [error('Invalid cursor', { code: 'BAD_USER_INPUT', field: ['query', 'cursor'] })],
      422,
      { detail: [{ loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'value_error' }] },
    ],
    [
      'BAD_USER_INPUT with list indices as strings: integers in loc',
      [
        error('a region needs at least 3 points', {
          code: 'BAD_USER_INPUT',
          field: ['body', 'video_analytics', 'motion', 'regions', '0', 'polygon'],
          kind: 'value_error.list.min_items',
        }),
      ],
      422,
      {
        detail: [
          {
            loc: ['body', 'video_analytics', 'motion', 'regions', 0, 'polygon'],
            msg: 'a region needs at least 3 points',
            type: 'value_error.list.min_items',
          },
        ],
      },
    ],
    [
      'UNAVAILABLE',
      [error('Camera does not answer', { code: 'UNAVAILABLE' })],
      503,
      { status: 'temporarily_unavailable', status_code: 503, detail: 'Camera does not answer' },
    ],
    [
      'UNAUTHENTICATED wins over other errors',
      [error('x', { code: 'NOT_FOUND' }), error('Not authenticated', { code: 'UNAUTHENTICATED' })],
      401,
      { status: 'token_invalid_credentials', status_code: 401, detail: 'Not authenticated' },
    ],
    [
      'every BAD_USER_INPUT is listed',
      [
        error('a', { code: 'BAD_USER_INPUT', field: ['body', 'a'] }),
        error('b', { code: 'BAD_USER_INPUT', field: ['body', 'b'], kind: 'value_error.missing' }),
      ],
      422,
      {
        detail: [
          { loc: ['body', 'a'], msg: 'a', type: 'value_error' },
          { loc: ['body', 'b'], msg: 'b', type: 'value_error.missing' },
        ],
      },
    ],
  ];

  it.each(table)('%s', (_name, errors, status, body) => {
    const response = restResponseOfErrors(errors);
    expect(response?.status).toBe(status);
    expect(response?.body).toEqual(body);
  });

  it('asks for a bearer token on 401', () => {
    expect(restResponseOfErrors([error('x', { code: 'UNAUTHENTICATED' })])?.headers).toEqual({
      'www-authenticate': 'Bearer',
    });
  });

  it("uses the operation's own 400 status when given", () => {
    expect(
      restResponseOfErrors([error('bad', { code: 'INVALID_REQUEST' })], { invalidStatus: 'token_revoke_error' })?.body,
    ).toEqual({ status: 'token_revoke_error', status_code: 400, detail: 'bad' });
  });

  it.each([
    ['an unknown code', [error('Internal server error', { code: 'INTERNAL_SERVER_ERROR' })]],
    [
      'a validation failure of the document',
      [error('Cannot query field "placeCount"', { code: 'GRAPHQL_VALIDATION_FAILED' })],
    ],
    ['no code at all', [error('boom')]],
  ])('leaves %s to the caller (500)', (_name, errors) => {
    expect(restResponseOfErrors(errors)).toBeUndefined();
  });
});

describe('typed mutation errors (union members)', () => {
  it('recognises InvalidRequestError and NotFoundError only', () => {
    expect(isUnionError({ __typename: 'InvalidRequestError', message: 'x', status: 'invalid_request' })).toBe(true);
    expect(isUnionError({ __typename: 'NotFoundError', message: 'x' })).toBe(true);
    expect(isUnionError({ __typename: 'User', id: 1 })).toBe(false);
    expect(isUnionError(null)).toBe(false);
  });

  it('maps NotFoundError to 404', () => {
    expect(restResponseOfUnionError({ __typename: 'NotFoundError', message: 'Group not found' })).toEqual({
      status: 404,
      body: { status: 'not_found', status_code: 404, detail: 'Group not found' },
    });
  });

  it('maps InvalidRequestError to 400 with its status', () => {
    expect(
      restResponseOfUnionError({
        __typename: 'InvalidRequestError',
        message: 'Role has users',
        status: 'invalid_request',
      }).body,
    ).toEqual({ status: 'invalid_request', status_code: 400, detail: 'Role has users' });
    expect(
      restResponseOfUnionError({ __typename: 'InvalidRequestError', message: 'Unknown token', status: null }).body,
    ).toEqual({ status: 'invalid_request', status_code: 400, detail: 'Unknown token' });
  });

  it("uses the operation's own status for InvalidRequestError when given", () => {
    expect(
      restResponseOfUnionError(
        { __typename: 'InvalidRequestError', message: 'Invalid token', status: 'invalid_request' },
        { invalidStatus: 'token_refresh_error' },
      ).body,
    ).toEqual({ status: 'token_refresh_error', status_code: 400, detail: 'Invalid token' });
  });
});
