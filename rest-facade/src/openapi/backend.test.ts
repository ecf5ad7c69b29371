import { readFileSync } from 'node:fs';
import type { Document, Request } from 'openapi-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { restFacadeConfig } from '../config.js';
import type { RestRequest } from '../handlers/operation.js';
import { createRestApi, bearerTokenOf, type RestApi } from './backend.js';

const document = YAML.parse(readFileSync(restFacadeConfig({}).openapiFile, 'utf8')) as Document;
const IMPLEMENTED = new Set([
  'getUser',
  'listUsers',
  'createUser',
  'listAuditLogs',
  'getAuditLog',
  'createToken',
  'getHello',
  'listPlaces',
  'listCameras',
]);
const TOKEN = { authorization: 'Bearer some-token' };

describe('openapi-backend over schema/openapi.yaml', () => {
  let api: RestApi<undefined>;
  const seen: { operationId: string; request: RestRequest }[] = [];

  beforeAll(async () => {
    api = await createRestApi<undefined>(document, IMPLEMENTED, async (operationId, request) => {
      seen.push({ operationId, request });
      return { status: 200, body: { operationId } };
    });
  });

  const call = (method: string, path: string, options: Partial<Request> = {}) =>
    api.handle({ method, path, headers: {}, ...options }, undefined);

  it('has a handler for each of the 153 operations (and each Argus extension)', () => {
    const extensions = Object.values(document.paths!)
      .flatMap((item) => Object.values(item as object))
      .filter((op) => op?.['x-extension'] === 'argus');
    expect(api.operations.size).toBe(153 + extensions.length);
    expect([...api.operations.values()].filter((k) => k === 'implemented')).toHaveLength(IMPLEMENTED.size);
  });

  it('answers 404 and 405 like FastAPI', async () => {
    expect(await call('GET', '/api/v1/nothing-here')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    expect(await call('PATCH', '/api/v1/users', { headers: TOKEN })).toMatchObject({
      status: 405,
      body: { detail: 'Method Not Allowed' },
    });
  });

  it('asks for a bearer token before anything else on secured operations', async () => {
    expect(await call('GET', '/api/v1/users/abc')).toMatchObject({
      status: 401,
      body: { status: 'token_invalid_credentials', status_code: 401 },
    });
    expect(await call('GET', '/api/v1/cameras', { headers: { authorization: 'Basic x' } })).toMatchObject({
      status: 401,
    });
  });

  it('answers 501 for operations not built yet, after the token check', async () => {
    expect(await call('GET', '/api/v1/plans')).toMatchObject({ status: 401 });
    expect(await call('GET', '/api/v1/plans', { headers: TOKEN })).toEqual({
      status: 501,
      body: { status: 'not_implemented', status_code: 501, detail: 'listPlans is not available yet' },
    });
  });

  it('lets unsecured operations through without a token', async () => {
    expect(await call('GET', '/api/v1/hello')).toMatchObject({ status: 200, body: { operationId: 'getHello' } });
    expect(
      await call('POST', '/api/v1/token', {
        body: { username: 'a', password: 'b' },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ).toMatchObject({ status: 200 });
  });

  it('validates implemented operations with pydantic-style 422s', async () => {
    expect(await call('GET', '/api/v1/users', { headers: TOKEN, query: 'limit=5' })).toMatchObject({
      status: 422,
      body: {
        detail: [
          {
            loc: ['query', 'limit'],
            msg: 'ensure this value is greater than or equal to 10',
            type: 'value_error.number.not_ge',
          },
        ],
      },
    });
    expect(await call('GET', '/api/v1/users/abc', { headers: TOKEN })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['path', 'user_id'], type: 'type_error.integer' }] },
    });
    expect(await call('GET', '/api/v1/auditlogs/xyz', { headers: TOKEN })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['path', 'auditlog_id'], type: 'type_error.uuid' }] },
    });
    const body = JSON.stringify({
      first_name: 'x'.repeat(33),
      email: 'a@b.c',
      password: 'p',
      group_ids: ['x'],
      role_id: 1,
    });
    const created = await call('POST', '/api/v1/users', {
      headers: { ...TOKEN, 'content-type': 'application/json' },
      body,
    });
    expect(created.status).toBe(422);
    expect((created.body as { detail: { loc: unknown[] }[] }).detail.map((d) => d.loc)).toEqual(
      expect.arrayContaining([
        ['body', 'first_name'],
        ['body', 'last_name'],
        ['body', 'group_ids', 0],
      ]),
    );
    expect(
      await call('POST', '/api/v1/users', { headers: { ...TOKEN, 'content-type': 'application/json' }, body: '{oops' }),
    ).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['body'], type: 'value_error.jsondecode' }] },
    });
  });

  it('hands coerced path and query values to the handler, without unknown query parameters', async () => {
    seen.length = 0;
    await call('GET', '/api/v1/users/42', { headers: TOKEN, query: 'unknown=1' });
    await call('GET', '/api/v1/auditlogs', {
      headers: TOKEN,
      query: 'user_ids=3&action_types=user_login&action_types=user_logout&limit=20',
    });
    expect(seen[0]?.request.params).toEqual({ user_id: 42 });
    expect(seen[0]?.request.query).toEqual({});
    expect(seen[1]?.request.query).toEqual({ user_ids: [3], action_types: ['user_login', 'user_logout'], limit: 20 });
  });

  it('reads integers, floats and booleans in a path or a query as pydantic does', async () => {
    const reads = async (path: string, query = '') => {
      seen.length = 0;
      const answer = await call('GET', path, { headers: TOKEN, query });
      return (answer.status === 200 ? seen[0]?.request : answer.body) as Partial<RestRequest> | undefined;
    };
    for (const spelling of ['42', '+42', ' 42 ', '0042', '4_2', '٤٢', '%204%5F2'])
      expect((await reads(`/api/v1/users/${spelling.replaceAll(' ', '%20')}`))?.params, spelling).toEqual({
        user_id: 42,
      });
    const notAnInteger = (loc: unknown[]) => ({
      detail: [{ loc, msg: 'value is not a valid integer', type: 'type_error.integer' }],
    });
    for (const bad of ['42.0', '4e1', '0x2a', '4__2', '_42', '42_', '', '-'])
      expect(await reads(`/api/v1/users/${encodeURIComponent(bad) || '%20'}`), bad).toEqual(
        notAnInteger(['path', 'user_id']),
      );
    expect(await reads('/api/v1/users', 'limit=1e2')).toEqual(notAnInteger(['query', 'limit']));
    expect((await reads('/api/v1/users', 'limit=1_000'))?.query).toEqual({ limit: 1000 });
    expect((await reads('/api/v1/auditlogs', 'user_ids=3&user_ids=%2B4&user_ids=٥'))?.query).toEqual({
      user_ids: [3, 4, 5],
    });
    expect(await reads('/api/v1/auditlogs', 'user_ids=3&user_ids=4.0')).toEqual(notAnInteger(['query', 'user_ids', 1]));
    expect((await reads('/api/v1/places', 'latitude=-1_2.5e0&longitude=.5'))?.query).toMatchObject({
      latitude: -12.5,
      longitude: 0.5,
    });
    const bound = (name: string, word: string, limit: number) => ({
      detail: [
        {
          loc: ['query', name],
          msg: `ensure this value is ${word} than or equal to ${limit}`,
          type: `value_error.number.not_${word === 'greater' ? 'ge' : 'le'}`,
          ctx: { limit_value: limit },
        },
      ],
    });
    expect(await reads('/api/v1/places', 'latitude=inf')).toEqual(bound('latitude', 'less', 90));
    expect(await reads('/api/v1/places', 'latitude=-Infinity')).toEqual(bound('latitude', 'greater', -90));
    expect(await reads('/api/v1/places', 'longitude=NaN')).toEqual(bound('longitude', 'greater', -180));
    expect(await reads('/api/v1/places', 'latitude=0x1')).toEqual({
      detail: [{ loc: ['query', 'latitude'], msg: 'value is not a valid float', type: 'type_error.float' }],
    });
    for (const [word, value] of [
      ['True', true],
      ['off', false],
      ['Y', true],
      ['0', false],
    ] as const)
      expect((await reads('/api/v1/cameras', `with_origin=${word}`))?.query, word).toMatchObject({
        with_origin: value,
      });
  });

  it('takes a UUID in every spelling FastAPI takes and hands it to the handler in canonical form', async () => {
    const id = '5c1b0c8e-93a4-4f0e-9d1e-0a2b3c4d5e6f';
    const spellings = [id, id.toUpperCase(), `{${id}}`, `urn:uuid:${id}`, id.replaceAll('-', ''), `{urn:uuid:${id}}`];
    for (const spelling of spellings) {
      seen.length = 0;
      const answer = await call('GET', `/api/v1/auditlogs/${encodeURIComponent(spelling)}`, { headers: TOKEN });
      expect(answer.status, spelling).toBe(200);
      expect(seen[0]?.request.params, spelling).toEqual({ auditlog_id: id });
    }
    for (const bad of [`URN:UUID:${id}`, `${id}0`, `[${id}]`, `${id.slice(0, -1)}g`, `uuid ${id}`]) {
      expect(await call('GET', `/api/v1/auditlogs/${encodeURIComponent(bad)}`, { headers: TOKEN }), bad).toMatchObject({
        status: 422,
        body: { detail: [{ loc: ['path', 'auditlog_id'], type: 'type_error.uuid' }] },
      });
    }
  });

  it('refuses a NUL character in any string of the request with a 422 at its loc, before the handler', async () => {
    seen.length = 0;
    const json = { ...TOKEN, 'content-type': 'application/json' };
    const user = {
      first_name: 'Ann\u0000',
      last_name: 'Lee',
      email: 'a@b.co',
      password: 'pw\u0000x',
      group_ids: [],
      role_id: 1,
    };
    const nul = { msg: expect.stringContaining('NUL'), type: 'value_error.str.nul_character' };
    expect(await call('POST', '/api/v1/users', { headers: json, body: JSON.stringify(user) })).toEqual({
      status: 422,
      body: {
        detail: [
          { loc: ['body', 'first_name'], ...nul },
          { loc: ['body', 'password'], ...nul },
        ],
      },
    });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const login = { headers: form, body: { username: 'a\u0000b', password: 'x' } };
    expect(await call('POST', '/api/v1/token', login)).toEqual({
      status: 422,
      body: { detail: [{ loc: ['body', 'username'], ...nul }] },
    });
    const query = 'cursor=ab%00c&action_types=user_login';
    expect(await call('GET', '/api/v1/auditlogs', { headers: TOKEN, query })).toEqual({
      status: 422,
      body: { detail: [{ loc: ['query', 'cursor'], ...nul }] },
    });
    expect(seen).toEqual([]);
  });

  it('routes /users/me apart from /users/{user_id}', async () => {
    expect(await call('GET', '/api/v1/users/me', { headers: TOKEN })).toMatchObject({
      status: 501,
      body: { detail: 'getCurrentUser is not available yet' },
    });
  });
});

describe('the token verified before a 422 (verifyToken)', () => {
  type Exchange = { token?: string };
  const refusal = {
    status: 401,
    body: { status: 'token_invalid_credentials', status_code: 401, detail: 'Token has been revoked' },
    headers: { 'www-authenticate': 'Bearer' },
  };
  const verified: Exchange[] = [];
  const handled: { operationId: string; exchange: Exchange }[] = [];
  let api: RestApi<Exchange>;

  beforeAll(async () => {
    api = await createRestApi<Exchange>(
      document,
      IMPLEMENTED,
      async (operationId, _request, exchange) => {
        handled.push({ operationId, exchange });
        return { status: 200, body: {} };
      },
      {
        verifyToken: async (exchange) => {
          verified.push(exchange);
          return exchange.token === 'good' ? undefined : refusal;
        },
        publicExchange: () => ({}),
      },
    );
  });

  const call = (exchange: Exchange, method: string, path: string, options: Partial<Request> = {}) =>
    api.handle({ method, path, headers: { authorization: `Bearer ${exchange.token}` }, ...options }, exchange);

  it('answers the refusal, not 422, to invalid input with a refused token', async () => {
    verified.length = 0;
    expect(await call({ token: 'revoked' }, 'GET', '/api/v1/users', { query: 'limit=5' })).toEqual(refusal);
    expect(await call({ token: 'revoked' }, 'GET', '/api/v1/users/abc')).toEqual(refusal);
    expect(verified).toEqual([{ token: 'revoked' }, { token: 'revoked' }]);
  });

  it('answers 422 to invalid input with an accepted token', async () => {
    expect(await call({ token: 'good' }, 'GET', '/api/v1/users', { query: 'limit=5' })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['query', 'limit'] }] },
    });
  });

  it('verifies the token before refusing a NUL character', async () => {
    const user = JSON.stringify({
      first_name: 'A\u0000',
      last_name: 'B',
      email: 'a@b.co',
      password: 'p',
      group_ids: [],
      role_id: 1,
    });
    const body = (token: string) => ({
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: user,
    });
    expect(await call({ token: 'revoked' }, 'POST', '/api/v1/users', body('revoked'))).toEqual(refusal);
    expect(await call({ token: 'good' }, 'POST', '/api/v1/users', body('good'))).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['body', 'first_name'] }] },
    });
  });

  it('does not verify the token of a valid request (the operation does downstream)', async () => {
    verified.length = 0;
    expect(await call({ token: 'revoked' }, 'GET', '/api/v1/users', { query: 'limit=10' })).toMatchObject({
      status: 200,
    });
    expect(verified).toEqual([]);
  });

  it("runs operations without security without verifying or passing on the caller's token", async () => {
    verified.length = 0;
    handled.length = 0;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(
      await call({ token: 'revoked' }, 'POST', '/api/v1/token', {
        headers: form,
        body: { username: 'a', password: 'b' },
      }),
    ).toMatchObject({ status: 200 });
    expect(await call({ token: 'revoked' }, 'GET', '/api/v1/users/1')).toMatchObject({ status: 200 });
    expect(verified).toEqual([]);
    expect(handled).toEqual([
      { operationId: 'createToken', exchange: {} },
      { operationId: 'getUser', exchange: { token: 'revoked' } },
    ]);
  });
});

describe('bearerTokenOf', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => {
    expect(bearerTokenOf(header)).toBe(token);
  });
});
