import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';

/** Every sign-in of this file comes from 127.0.0.1: the address budget is counted across the file. */
const IP_BUDGET = 60;

let stack: TestStack;
let orgA: { id: number; name: string };
let orgB: { id: number; name: string };
let managerRole: number;
let liteRole: number;
let manager: TestUser & { token: string };
let orgAdmin: TestUser & { token: string };
let viewer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  stack = await TestStack.start({ env: { LOGIN_IP_MAX_FAILURES: String(IP_BUDGET) } });
  [orgA, orgB] = [await stack.createOrganization(), await stack.createOrganization()];
  managerRole = await stack.createRole([
    'user_read',
    'user_create',
    'user_update',
    'user_delete',
    'user_me_read',
    'user_me_update',
  ]);
  liteRole = await stack.createRole(['user_me_read', 'user_me_update']);
  manager = await stack.member(orgA.id, managerRole);
  orgAdmin = await stack.member(orgA.id, 'administrator');
  viewer = await stack.createUser({ organizationId: orgA.id, role: 'viewer' });
  stranger = await stack.createUser({ organizationId: orgB.id, role: 'viewer' });
});
afterAll(() => stack?.stop());

const body = (user: Pick<TestUser, 'email' | 'role_id'>, overrides: Record<string, unknown> = {}) => ({
  first_name: 'Test',
  last_name: 'User',
  email: user.email,
  group_ids: [],
  role_id: user.role_id,
  ...overrides,
});
const gqlInput = (user: Pick<TestUser, 'email' | 'role_id'>, overrides: Record<string, unknown> = {}) => ({
  firstName: 'Test',
  lastName: 'User',
  email: user.email,
  groupIds: [],
  roleId: user.role_id,
  ...overrides,
});
const UPDATE = 'mutation($id: Int!, $input: UserInput!) { updateUser(id: $id, input: $input) { __typename } }';
const CREATE = 'mutation($input: UserInput!) { createUser(input: $input) { __typename } }';
const TOKEN =
  'mutation($u: String, $p: String) { createToken(grantType: "password", username: $u, password: $p) { accessToken } }';
const codes = (res: { body: { errors?: { extensions?: Record<string, any> }[] } }) =>
  (res.body.errors ?? []).map((e) => e.extensions?.code);
const token = (username: string, password: string, headers?: Record<string, string>) =>
  stack.rest('POST', '/token', { form: { grant_type: 'password', username, password }, headers });

describe('privilege escalation through user_create and user_update', () => {
  it('refuses giving oneself the administrator role over REST and GraphQL (403), permissions unchanged', async () => {
    const rest = await stack.rest('PUT', `/users/${manager.id}`, {
      token: manager.token,
      json: body(manager, { role_id: stack.roles.administrator }),
    });
    expectSpec(rest, 403);
    expect(rest.body).toEqual(errorBody('unauthorized', 403));
    const gql = await stack.gql(
      UPDATE,
      { id: manager.id, input: gqlInput(manager, { roleId: stack.roles.administrator }) },
      manager.token,
    );
    expect(codes(gql)).toEqual(['FORBIDDEN']);
    const me = await stack.rest('GET', '/users/me', { token: manager.token });
    expect(me.body).toMatchObject({ role_id: managerRole, is_superuser: false });
    expect(me.body.permissions).not.toContain('role_create');
  });

  it('refuses creating a user with a role holding permissions the caller lacks; allows a subset', async () => {
    const email = `${stack.unique('esc')}@example.com`;
    const rest = await stack.rest('POST', '/users', {
      token: manager.token,
      json: body({ email, role_id: stack.roles.administrator }, { password: 'long-enough-1' }),
    });
    expectSpec(rest, 403);
    const gql = await stack.gql(
      CREATE,
      { input: gqlInput({ email, role_id: stack.roles.viewer }, { password: 'long-enough-1' }) },
      manager.token,
    );
    expect(codes(gql)).toEqual(['FORBIDDEN']);
    expectSpec(await token(email, 'long-enough-1'), 401);
    const lite = await stack.rest('POST', '/users', {
      token: manager.token,
      json: body({ email, role_id: liteRole }, { password: 'long-enough-1' }),
    });
    expectSpec(lite, 200);
    expect(lite.body).toMatchObject({ role_id: liteRole, organization_id: orgA.id, is_superuser: false });
  });

  it('refuses taking over an administrator: e-mail and password unchanged, the owner still signs in', async () => {
    const stolen = `${stack.unique('thief')}@example.com`;
    for (const [caller, overrides] of [
      [manager, { email: stolen }],
      [manager, { password: 'taken-over-1' }],
      [orgAdmin, { password: 'taken-over-1' }],
    ] as const) {
      const target = caller === orgAdmin ? viewer : orgAdmin;
      expectSpec(
        await stack.rest('PUT', `/users/${target.id}`, { token: caller.token, json: body(target, overrides) }),
        403,
      );
    }
    const gql = await stack.gql(
      UPDATE,
      { id: orgAdmin.id, input: gqlInput(orgAdmin, { email: stolen }) },
      manager.token,
    );
    expect(codes(gql)).toEqual(['FORBIDDEN']);
    expectSpec(await token(stolen, 'taken-over-1'), 401);
    await stack.login(orgAdmin.email, orgAdmin.password);
    await stack.login(viewer.email, viewer.password);
  });

  it("lets a superuser set another user's password, and an administrator change an operator's e-mail", async () => {
    const operator = await stack.createUser({ organizationId: orgA.id, role: 'operator' });
    expectSpec(
      await stack.rest('PUT', `/users/${operator.id}`, {
        token: stack.adminToken,
        json: body(operator, { password: 'set-by-superuser' }),
      }),
      200,
    );
    await stack.login(operator.email, 'set-by-superuser');
    const email = `${stack.unique('moved')}@example.com`;
    const moved = await stack.rest('PUT', `/users/${operator.id}`, {
      token: orgAdmin.token,
      json: body(operator, { email }),
    });
    expectSpec(moved, 200);
    expect(moved.body.email).toBe(email);
  });

  it("keeps another organization's user out of reach (404)", async () => {
    expectSpec(
      await stack.rest('PUT', `/users/${stranger.id}`, {
        token: orgAdmin.token,
        json: body(stranger, { role_id: stack.roles.operator }),
      }),
      404,
    );
  });
});

describe('group membership', () => {
  it('keeps a group member from leaving the group or creating users outside it (403), REST and GraphQL', async () => {
    const [mine, other] = [await stack.createGroup(orgA.id), await stack.createGroup(orgA.id)];
    const created = await stack.createUser({ organizationId: orgA.id, role: 'administrator', groupIds: [mine.id] });
    const member = { ...created, token: (await stack.login(created.email, created.password)).access_token };
    const leave = await stack.rest('DELETE', `/groups/${mine.id}/members`, {
      token: member.token,
      json: { user_ids: [member.id] },
    });
    expectSpec(leave, 403);
    const move = await stack.rest('PUT', `/users/${member.id}`, {
      token: member.token,
      json: body(member, { group_ids: [other.id] }),
    });
    expectSpec(move, 403);
    const email = `${stack.unique('outside')}@example.com`;
    const outside = await stack.gql(
      CREATE,
      { input: gqlInput({ email, role_id: stack.roles.viewer }, { password: 'long-enough-1' }) },
      member.token,
    );
    expect(codes(outside)).toEqual(['FORBIDDEN']);
    const me = await stack.rest('GET', '/users/me', { token: member.token });
    expect(me.body.groups).toEqual([{ id: mine.id, name: mine.name }]);
  });
});

describe('password policy and e-mail uniqueness', () => {
  it('refuses a short new password with 422 over REST and BAD_USER_INPUT over GraphQL', async () => {
    const email = `${stack.unique('short')}@example.com`;
    expectValidation(
      await stack.rest('POST', '/users', {
        token: orgAdmin.token,
        json: body({ email, role_id: stack.roles.viewer }, { password: 'short7!' }),
      }),
      ['body', 'password'],
    );
    const gql = await stack.gql(
      CREATE,
      { input: gqlInput({ email, role_id: stack.roles.viewer }, { password: 'short7!' }) },
      orgAdmin.token,
    );
    expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'password'] });
    expectValidation(
      await stack.rest('PUT', `/users/${viewer.id}`, {
        token: stack.adminToken,
        json: body(viewer, { password: 'short' }),
      }),
      ['body', 'password'],
    );
    const me = await stack.rest('PUT', '/users/me/password', {
      token: orgAdmin.token,
      json: { old_password: orgAdmin.password, new_password: 'short' },
    });
    expectValidation(me, ['body', 'new_password']);
  });

  it('answers a taken e-mail with the same 400 whichever organization holds it', async () => {
    const answers = [];
    for (const email of [viewer.email, stranger.email]) {
      const res = await stack.rest('POST', '/users', {
        token: orgAdmin.token,
        json: body({ email, role_id: stack.roles.viewer }, { password: 'long-enough-1' }),
      });
      expectSpec(res, 400);
      answers.push(res.body);
    }
    expect(answers[0]).toEqual(answers[1]);
  });
});

describe('sign-in throttling', () => {
  let victim: TestUser;
  beforeAll(async () => {
    victim = await stack.createUser({ organizationId: orgA.id, role: 'viewer' });
  });

  it('locks an e-mail after 5 failures: 429 + Retry-After, right password too, unknown e-mail alike', async () => {
    const answers: Record<string, unknown>[] = [];
    for (const email of [victim.email, `${stack.unique('ghost')}@example.com`]) {
      for (let i = 0; i < 5; i += 1) expectSpec(await token(email, 'wrong-password'), 401);
      for (const password of ['wrong-password', victim.password]) {
        const res = await token(email, password);
        expectSpec(res, 429);
        expect(res.body).toEqual(errorBody('too_many_requests', 429));
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(55);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        answers.push(res.body);
      }
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('audits the lock as user_login with its reason', async () => {
    const res = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { user_ids: [victim.id], action_types: ['user_login'], limit: 100 },
    });
    expectSpec(res, 200);
    expect(res.body.auditlogs).toEqual([
      expect.objectContaining({
        user_id: victim.id,
        meta: expect.objectContaining({ reason: 'too_many_failed_logins' }),
      }),
    ]);
  });

  it('answers GraphQL with TOO_MANY_REQUESTS and retryAfter', async () => {
    const user = await stack.createUser({ organizationId: orgB.id, role: 'viewer' });
    for (let i = 0; i < 5; i += 1)
      expect(codes(await stack.gql(TOKEN, { u: user.email, p: 'wrong-password' }))).toEqual(['UNAUTHENTICATED']);
    const locked = await stack.gql(TOKEN, { u: user.email, p: user.password });
    expect(locked.body.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      status: 'too_many_requests',
      retryAfter: expect.any(Number),
    });
    expect(locked.body.data?.createToken ?? null).toBeNull();
  });

  it("a successful sign-in starts the account's count afresh", async () => {
    const user = await stack.createUser({ organizationId: orgA.id, role: 'viewer' });
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1) expectSpec(await token(user.email, 'wrong-password'), 401);
      await stack.login(user.email, user.password);
    }
  });

  // last: it locks 127.0.0.1, where every request of this file comes from
  // 61 sign-ins, each hashing a password: a loaded machine takes more than the default minute
  it(
    'locks a client address spraying many accounts; a spoofed X-Forwarded-For does not evade it',
    { timeout: 240_000 },
    async () => {
      let refusedAt: number | undefined;
      for (let i = 0; i <= IP_BUDGET && refusedAt === undefined; i += 1) {
        const res = await token(`${stack.unique('spray')}@example.com`, 'wrong-password', {
          'x-forwarded-for': `198.51.100.${i % 250}`,
        });
        if (res.status === 429) refusedAt = i;
        else expectSpec(res, 401);
      }
      expect(refusedAt).toBeDefined();
      const fresh = await token(orgAdmin.email, orgAdmin.password, { 'x-forwarded-for': '192.0.2.200' });
      expectSpec(fresh, 429);
    },
  );
});
