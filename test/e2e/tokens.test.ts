import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  errorBody,
  expectSpec,
  expectValidation,
  TestStack,
  wsExecute,
  type TestUser,
} from '../support/stack.js';

const VIEWER_QUERY = '{ viewer { id email } }';

let stack: TestStack;
let user: TestUser;

beforeAll(async () => {
  stack = await TestStack.start();
  const org = await stack.createOrganization();
  user = await stack.createUser({ organizationId: org.id, role: 'operator' });
});

afterAll(() => stack?.stop());

async function signIn(): Promise<{ access_token: string; refresh_token: string }> {
  return stack.login(user.email, user.password);
}

function revoke(token: string, hint?: string) {
  return stack.rest('POST', '/token/revoke', { form: { token, ...(hint ? { token_type_hint: hint } : {}) } });
}

async function expectRestRefused(token: string): Promise<void> {
  const res = await stack.rest('GET', '/users/me', { token });
  expectSpec(res, 401);
  expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
}

async function expectGraphqlRefused(token: string): Promise<void> {
  const res = await stack.gql(VIEWER_QUERY, undefined, token);
  expect(res.status).toBe(401);
  expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.body.data ?? null).toBeNull();
}

describe('POST /token (24.1, password grant)', () => {
  it('gives an access and a refresh token for a form-encoded grant', async () => {
    const res = await stack.rest('POST', '/token', {
      form: { grant_type: 'password', username: user.email, password: user.password },
    });
    expectSpec(res, 200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: expect.any(Number),
    });
    expect(res.body.access_token).not.toBe(res.body.refresh_token);
    const me = await stack.rest('GET', '/users/me', { token: res.body.access_token });
    expectSpec(me, 200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email });
  });

  it('takes the grant, the refresh and the revocation as a multipart form too (a browser FormData)', async () => {
    const post = async (path: string, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      const res = await fetch(`${stack.restUrl}/api/v1${path}`, { method: 'POST', body: form });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const granted = await post('/token', { username: user.email, password: user.password });
    expect(granted.status).toBe(200);
    const me = await stack.rest('GET', '/users/me', { token: granted.body.access_token });
    expect(me.body).toMatchObject({ id: user.id });
    const refreshed = await post('/token/refresh', { refresh_token: granted.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(granted.body.access_token);
    expect((await post('/token/revoke', { token: refreshed.body.refresh_token })).status).toBe(204);
    expect((await stack.rest('GET', '/users/me', { token: refreshed.body.access_token })).status).toBe(401);
    expect((await post('/token', { username: user.email, password: 'wrong' })).status).toBe(401);
    expect(await post('/token', { username: user.email })).toEqual({
      status: 422,
      body: { detail: [{ loc: ['body', 'password'], msg: 'field required', type: 'value_error.missing' }] },
    });
  });

  it('answers 401 token_invalid_credentials for a wrong password or an unknown user', async () => {
    for (const [username, password] of [
      [user.email, 'not-the-password'],
      ['nobody@example.com', 'whatever-pass'],
    ] as const) {
      const res = await stack.rest('POST', '/token', { form: { grant_type: 'password', username, password } });
      expectSpec(res, 401);
      expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers 422 for a grant without a password', async () => {
    expectValidation(await stack.rest('POST', '/token', { form: { grant_type: 'password', username: user.email } }), [
      'body',
      'password',
    ]);
  });
});

describe('POST /token/refresh (24.2)', () => {
  it('rotates: a new pair, and the used refresh token is refused afterwards', async () => {
    const first = await signIn();
    const refreshed = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
    });
    expectSpec(refreshed, 200);
    expect(refreshed.body).toMatchObject({
      token_type: 'bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    expectSpec(await stack.rest('GET', '/users/me', { token: refreshed.body.access_token }), 200);

    const next = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token },
    });
    expectSpec(next, 200);
    const again = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token },
    });
    expectSpec(again, 400);
    expect(again.body).toEqual(errorBody('token_refresh_error', 400));
  });

  it('on reuse of a rotated refresh token revokes every token of that login, not the other sessions', async () => {
    const login = await signIn();
    const other = await signIn();
    const refresh = (token: string) =>
      stack.rest('POST', '/token/refresh', { form: { grant_type: 'refresh_token', refresh_token: token } });
    const rotated = await refresh(login.refresh_token);
    expectSpec(rotated, 200);
    expectSpec(await stack.rest('GET', '/users/me', { token: rotated.body.access_token }), 200);

    // the token rotated away (say, stolen) comes back: refused as before…
    const reused = await refresh(login.refresh_token);
    expectSpec(reused, 400);
    expect(reused.body).toEqual(errorBody('token_refresh_error', 400));
    // …and now its successors are dead too
    await expectRestRefused(rotated.body.access_token);
    await expectGraphqlRefused(rotated.body.access_token);
    await expectRestRefused(login.access_token);
    const successor = await refresh(rotated.body.refresh_token);
    expectSpec(successor, 400);
    expect(successor.body).toEqual(errorBody('token_refresh_error', 400));

    // another login of the same user keeps working
    expectSpec(await stack.rest('GET', '/users/me', { token: other.access_token }), 200);
    expectSpec(await refresh(other.refresh_token), 200);
  });

  it('answers 400 token_refresh_error for garbage and for an access token', async () => {
    const { access_token } = await signIn();
    for (const token of ['garbage', access_token]) {
      const res = await stack.rest('POST', '/token/refresh', {
        form: { grant_type: 'refresh_token', refresh_token: token },
      });
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('token_refresh_error', 400));
    }
  });
});

describe('POST /token/revoke (24.3)', () => {
  it('refuses a revoked access token on the very next REST, GraphQL and WebSocket request', async () => {
    const pair = await signIn();
    const socket = stack.ws(pair.access_token);
    expect(await wsExecute(socket, VIEWER_QUERY)).toEqual({ data: { viewer: { id: user.id, email: user.email } } });
    const closed = new Promise<unknown>((resolve) => socket.on('closed', resolve));
    expectSpec(await stack.rest('GET', '/users/me', { token: pair.access_token }), 200);
    expect((await stack.gql(VIEWER_QUERY, undefined, pair.access_token)).body.data?.viewer.id).toBe(user.id);

    const revoked = await revoke(pair.access_token, 'access_token');
    expectSpec(revoked, 204);
    expect(revoked.body).toBeUndefined();

    await expectRestRefused(pair.access_token);
    await expectGraphqlRefused(pair.access_token);
    // the socket opened before the revocation is closed with 4401 as it is announced; the client's next
    // operation (a new connection with the same token) is refused
    expect(await closed).toMatchObject({ code: 4401, reason: 'Unauthorized: the token is no longer valid' });
    expect(await wsExecute(socket, VIEWER_QUERY)).toEqual({ closed: 4401, reason: expect.any(String) });
    // a new socket with the token is closed at once with 4401
    const fresh = await wsExecute(stack.ws(pair.access_token), VIEWER_QUERY);
    expect(fresh).toEqual({ closed: 4401, reason: expect.any(String) });

    // only that access token: its refresh token still renews the session
    expectSpec(
      await stack.rest('POST', '/token/refresh', {
        form: { grant_type: 'refresh_token', refresh_token: pair.refresh_token },
      }),
      200,
    );
  });

  it('revokes a refresh token and every access token issued from it, not the other sessions', async () => {
    const pair = await signIn();
    const other = await signIn();
    const rotated = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: pair.refresh_token },
    });
    expectSpec(rotated, 200);

    expectSpec(await revoke(rotated.body.refresh_token), 204);
    await expectRestRefused(rotated.body.access_token);
    await expectGraphqlRefused(rotated.body.access_token);
    const refresh = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token },
    });
    expectSpec(refresh, 400);
    expect(refresh.body).toEqual(errorBody('token_refresh_error', 400));

    expectSpec(await stack.rest('GET', '/users/me', { token: other.access_token }), 200);
  });

  it('revokes the whole login when given a refresh token that was rotated already', async () => {
    const pair = await signIn();
    const rotated = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: pair.refresh_token },
    });
    expectSpec(rotated, 200);

    expectSpec(await revoke(pair.refresh_token, 'refresh_token'), 204);
    await expectRestRefused(rotated.body.access_token);
    await expectRestRefused(pair.access_token);
    const refresh = await stack.rest('POST', '/token/refresh', {
      form: { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token },
    });
    expectSpec(refresh, 400);
    expect(refresh.body).toEqual(errorBody('token_refresh_error', 400));
  });

  it('answers 400 token_revoke_error for a token it cannot read', async () => {
    const res = await revoke('garbage');
    expectSpec(res, 400);
    expect(res.body).toEqual(errorBody('token_revoke_error', 400));
  });
});

describe('callers without a valid token', () => {
  it('answers 401 on REST without a token, with a garbage token and with another scheme', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer garbage' },
      { authorization: 'Basic YWRtaW46c2VjcmV0' },
    ] as Record<string, string>[]) {
      const res = await stack.rest('GET', '/users', { headers });
      expectSpec(res, 401);
      expect(res.body).toEqual(errorBody('token_invalid_credentials', 401));
    }
  });

  it('answers GraphQL without a token with UNAUTHENTICATED and a garbage token with 401', async () => {
    const anonymous = await stack.gql(VIEWER_QUERY);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data ?? null).toBeNull();
    await expectGraphqlRefused('garbage');
  });
});

describe('audit of sign-in and sign-out', () => {
  it('records user_login and user_logout with the caller, organization and client IP', async () => {
    const pair = await stack.login(user.email, user.password);
    // the facade does not trust a client's x-forwarded-for (no proxy configured)
    const spoofed = await stack.rest('POST', '/token', {
      form: { grant_type: 'password', username: user.email, password: user.password },
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expectSpec(spoofed, 200);
    expectSpec(await revoke(pair.refresh_token, 'refresh_token'), 204);

    const res = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { user_ids: [user.id], action_types: ['user_login', 'user_logout'], limit: 1000 },
    });
    expectSpec(res, 200);
    const entries: any[] = res.body.auditlogs;
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(new Set(entries.map((e) => e.action_type))).toEqual(new Set(['user_login', 'user_logout']));
    for (const entry of entries) {
      expect(entry).toMatchObject({
        user_id: user.id,
        user_email: user.email,
        organization_id: user.organization_id,
        client_ip: '127.0.0.1',
        user_is_superuser: false,
      });
    }
    expect(entries.find((e) => e.action_type === 'user_logout')?.meta).toMatchObject({ token_kind: 'refresh' });
  });

  it("records the superuser's own sign-in too", async () => {
    const res = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { action_types: ['user_login'], limit: 1000 },
    });
    expectSpec(res, 200);
    expect(res.body.auditlogs.some((e: any) => e.user_email === ADMIN.email && e.user_is_superuser === true)).toBe(
      true,
    );
  });
});
