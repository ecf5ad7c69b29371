import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, errorBody, expectSpec, expectValidation, TestStack } from '../support/stack.js';

let stack: TestStack;
let organizationId: number;
let groupIds: [number, number];
let validUser: Record<string, unknown>;

beforeAll(async () => {
  stack = await TestStack.start();
  organizationId = (await stack.createOrganization()).id;
  const [a, b] = await Promise.all([stack.createGroup(organizationId), stack.createGroup(organizationId)]);
  groupIds = [a.id, b.id];
  validUser = {
    first_name: 'Valid',
    last_name: 'Person',
    email: 'valid.person@example.com',
    password: 'a-good-password',
    group_ids: [],
    role_id: stack.roles.viewer,
  };
});

afterAll(() => stack?.stop());

function createUser(body: unknown) {
  return stack.rest('POST', '/users', {
    token: stack.adminToken,
    query: { organization_id: organizationId },
    json: body,
  });
}

const without = (key: string) => Object.fromEntries(Object.entries(validUser).filter(([k]) => k !== key));

describe('request bodies → 422 in FastAPI shape', () => {
  it('names a missing body field', async () => {
    const res = await createUser(without('email'));
    expectValidation(res, ['body', 'email']);
    expect(res.body.detail).toEqual([{ loc: ['body', 'email'], msg: 'field required', type: 'value_error.missing' }]);
  });

  it('names every missing field at once', async () => {
    const res = await createUser({ email: 'x@example.com' });
    expectSpec(res, 422);
    expect(res.body.detail.map((d: { loc: unknown }) => d.loc)).toEqual(
      expect.arrayContaining([
        ['body', 'first_name'],
        ['body', 'last_name'],
        ['body', 'password'],
        ['body', 'group_ids'],
        ['body', 'role_id'],
      ]),
    );
  });

  it('names fields of the wrong type', async () => {
    const res = await createUser({ ...validUser, role_id: 'admin', group_ids: 'none' });
    expectValidation(res, ['body', 'role_id']);
    expectValidation(res, ['body', 'group_ids']);
    expect(res.body.detail).toContainEqual({
      loc: ['body', 'role_id'],
      msg: 'value is not a valid integer',
      type: 'type_error.integer',
    });
  });

  it('refuses a first_name of 33 characters and accepts 32', async () => {
    const res = await createUser({ ...validUser, first_name: 'x'.repeat(33) });
    expectValidation(res, ['body', 'first_name']);
    expect(res.body.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'first_name'], type: 'value_error.any_str.max_length' }),
    ]);
    const ok = await createUser({ ...validUser, first_name: 'x'.repeat(32), email: 'thirty.two@example.com' });
    expectSpec(ok, 200);
    expect(ok.body.first_name).toHaveLength(32);
  });

  it('refuses more than one group id with loc ["body","group_ids"]', async () => {
    const res = await createUser({ ...validUser, email: 'two.groups@example.com', group_ids: groupIds });
    expectValidation(res, ['body', 'group_ids']);
    const users = await stack.rest('POST', '/users/search', {
      token: stack.adminToken,
      json: { query: 'two.groups@example.com' },
    });
    expect(users.body.users).toEqual([]);
  });

  it('refuses an invalid email', async () => {
    expectValidation(await createUser({ ...validUser, email: 'not-an-email' }), ['body', 'email']);
  });

  it('refuses a body that is not JSON, and a missing body', async () => {
    const broken = await fetch(`${stack.restUrl}/api/v1/groups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(broken.status).toBe(422);
    expect(await broken.json()).toEqual({
      detail: [expect.objectContaining({ loc: ['body'], msg: expect.any(String), type: expect.any(String) })],
    });
    const missing = await stack.rest('POST', '/groups', { token: stack.adminToken });
    expectValidation(missing, ['body']);
  });

  it('refuses a search query shorter than 2 characters', async () => {
    expectValidation(await stack.rest('POST', '/users/search', { token: stack.adminToken, json: { query: 'a' } }), [
      'body',
      'query',
    ]);
  });
});

describe('query and path parameters → 422', () => {
  it.each([['/users'], ['/groups'], ['/organizations'], ['/auditlogs']])(
    'GET %s refuses limit 5 and 5000 and accepts 10 and 1000',
    async (path) => {
      for (const limit of [5, 5000]) {
        const res = await stack.rest('GET', path, { token: stack.adminToken, query: { limit } });
        expectValidation(res, ['query', 'limit']);
        expect(res.body.detail[0].type).toBe(limit === 5 ? 'value_error.number.not_ge' : 'value_error.number.not_le');
      }
      for (const limit of [10, 1000])
        expectSpec(await stack.rest('GET', path, { token: stack.adminToken, query: { limit } }), 200);
    },
  );

  it('refuses a limit that is not an integer', async () => {
    const res = await stack.rest('GET', '/users', { token: stack.adminToken, query: { limit: 'ten' } });
    expectValidation(res, ['query', 'limit']);
    expect(res.body.detail[0].type).toBe('type_error.integer');
  });

  it.each([
    ['/users/abc', 'user_id'],
    ['/groups/1.5', 'group_id'],
    ['/organizations/x1', 'organization_id'],
    ['/roles/abc', 'role_id'],
    ['/auditlogs/not-a-uuid', 'auditlog_id'],
  ])('GET %s names the malformed path id', async (path, name) => {
    expectValidation(await stack.rest('GET', path, { token: stack.adminToken }), ['path', name]);
  });

  it('refuses a malformed id on a write too (DELETE /users/abc)', async () => {
    expectValidation(await stack.rest('DELETE', '/users/abc', { token: stack.adminToken }), ['path', 'user_id']);
  });

  it.each([
    ['garbage that is not base64 !!'],
    [Buffer.from('["not-an-id"]').toString('base64url')],
    [Buffer.from('{"id":3}').toString('base64url')],
  ])('refuses the invalid cursor %s', async (cursor) => {
    for (const path of ['/users', '/groups', '/auditlogs']) {
      expectValidation(await stack.rest('GET', path, { token: stack.adminToken, query: { cursor } }), [
        'query',
        'cursor',
      ]);
    }
  });

  it('refuses an unknown action type and a malformed period on audit logs', async () => {
    const res = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { action_types: ['user_dance'], created_at_from: 'yesterday' },
    });
    expectValidation(res, ['query', 'action_types', 0]);
    expectValidation(res, ['query', 'created_at_from']);
  });
});

describe('integers beyond 32 bits (product bug: the facade answers 500)', () => {
  // The contract types ids as plain integers; GraphQL Int is 32-bit, so the router refuses the
  // variable and the facade, not recognising that error, answers 500 Internal Server Error.
  it('GET /users/99999999999 answers 422 on the path id (ids are int32)', async () => {
    const res = await stack.rest('GET', '/users/99999999999', { token: stack.adminToken });
    expectValidation(res, ['path', 'user_id']);
  });

  it('POST /users with role_id 99999999999 answers 422 on the field', async () => {
    const res = await createUser({ ...validUser, email: 'big.role@example.com', role_id: 99_999_999_999 });
    expectValidation(res, ['body', 'role_id']);
  });
});

describe('authentication and validation', () => {
  it('answers 401, not 422, to a malformed request without a token', async () => {
    const res = await stack.rest('GET', '/users/abc', { query: { limit: 5 } });
    expectSpec(res, 401);
    expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
  });

  it('answers 401, not 422, to an invalid query without a token', async () => {
    const res = await stack.rest('GET', '/users', { query: { limit: 5 } });
    expectSpec(res, 401);
    expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers a garbage token with an invalid body or query exactly as with a valid request: 401, not 422', async () => {
    const wellFormed = await stack.rest('GET', '/users', { token: 'garbage' });
    expectSpec(wellFormed, 401);
    const invalid = [
      await stack.rest('POST', '/users', {
        token: 'garbage',
        query: { organization_id: organizationId },
        json: { email: 'not-an-email' },
      }),
      await stack.rest('POST', '/users/search', { token: 'garbage', json: { query: 'a' } }),
      await stack.rest('GET', '/users', { token: 'garbage', query: { limit: 'ten' } }),
      await stack.rest('GET', '/users/abc', { token: 'garbage' }),
    ];
    for (const res of invalid) {
      expectSpec(res, 401);
      expect(res.body).toEqual(wellFormed.body);
      expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers 401, not 422, to invalid input with a revoked token, and 422 to the same input with a valid one', async () => {
    const user = await stack.member(organizationId, 'administrator');
    expectValidation(await stack.rest('GET', '/users', { token: user.token, query: { limit: 5 } }), ['query', 'limit']);
    const revoked = await stack.rest('POST', '/token/revoke', {
      form: { token: user.token, token_type_hint: 'access_token' },
    });
    expectSpec(revoked, 204);

    const wellFormed = await stack.rest('GET', '/users', { token: user.token });
    expectSpec(wellFormed, 401);
    for (const res of [
      await stack.rest('GET', '/users', { token: user.token, query: { limit: 5 } }),
      await stack.rest('POST', '/users', {
        token: user.token,
        query: { organization_id: organizationId },
        json: { ...validUser, role_id: 'admin' },
      }),
    ]) {
      expectSpec(res, 401);
      expect(res.body).toEqual(wellFormed.body);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    // the administrator's valid token still gets the 422 for the same input
    expectValidation(await stack.rest('GET', '/users', { token: stack.adminToken, query: { limit: 5 } }), [
      'query',
      'limit',
    ]);
  });

  it('ignores a stale token on operations that take none: login validates first and signs in, hello answers', async () => {
    const invalid = await stack.rest('POST', '/token', {
      token: 'garbage',
      form: { grant_type: 'password', username: 'someone@example.com' },
    });
    expectValidation(invalid, ['body', 'password']);
    const login = await stack.rest('POST', '/token', {
      token: 'garbage',
      form: { grant_type: 'password', username: ADMIN.email, password: ADMIN.password },
    });
    expectSpec(login, 200);
    const refreshed = await stack.rest('POST', '/token/refresh', {
      token: 'garbage',
      form: { grant_type: 'refresh_token', refresh_token: login.body.refresh_token },
    });
    expectSpec(refreshed, 200);
    expectSpec(await stack.rest('GET', '/hello', { token: 'garbage' }), 200);
  });

  it('answers 401 to a well-formed request with a garbage token', async () => {
    for (const path of ['/users/1', '/groups', '/roles', '/auditlogs']) {
      const res = await stack.rest('GET', path, { token: 'garbage' });
      expectSpec(res, 401);
      expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
    }
  });
});

describe('public endpoints and unbuilt domains', () => {
  it('GET /hello answers without a token', async () => {
    const res = await stack.rest('GET', '/hello');
    expectSpec(res, 200);
    expect(res.body).toEqual({ message: expect.any(String), version: expect.any(String) });
  });

  it('GET /openapi.json serves the contract with 153 operations', async () => {
    const response = await fetch(`${stack.restUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(document.openapi).toMatch(/^3\.1\./);
    const operations = Object.values(document.paths).flatMap((item) =>
      Object.entries(item).filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method)),
    );
    const contract = operations.filter(([, op]) => (op as Record<string, unknown>)['x-extension'] !== 'argus');
    expect(contract).toHaveLength(153);
    expect(new Set(operations.map(([, op]) => op.operationId)).size).toBe(operations.length);
  });

  it('GET /docs renders the API docs', async () => {
    const response = await fetch(`${stack.restUrl}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/html/);
  });

  it('an unknown path answers 404 {detail}', async () => {
    const res = await stack.rest('GET', '/no-such-thing', { token: stack.adminToken });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Not Found' });
  });
});
