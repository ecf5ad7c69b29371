import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';

const USER_FIELDS = [
  'avatar_id',
  'avatar_url',
  'email',
  'first_name',
  'groups',
  'id',
  'is_superuser',
  'last_name',
  'organization_id',
  'organization_name',
  'role_id',
];

let stack: TestStack;
let org: { id: number; name: string };
let group: { id: number; name: string };
let grouped: TestUser;
let loner: TestUser;

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  group = await stack.createGroup(org.id);
  const created = await stack.createUsers([
    { organizationId: org.id, role: 'operator', groupIds: [group.id], firstName: 'Zebulon', lastName: 'Quartermaine' },
    { organizationId: org.id, role: 'viewer', firstName: 'Ottilie', lastName: 'Vandersloot' },
  ]);
  grouped = created[0]!;
  loner = created[1]!;
});

afterAll(() => stack?.stop());

describe('GET /users/me', () => {
  it("gives the caller with the role's permissions", async () => {
    const { access_token } = await stack.login(grouped.email, grouped.password);
    const res = await stack.rest('GET', '/users/me', { token: access_token });
    expectSpec(res, 200);
    expect(Object.keys(res.body).sort()).toEqual([...USER_FIELDS, 'permissions'].sort());
    expect(res.body).toMatchObject({
      id: grouped.id,
      email: grouped.email,
      organization_id: org.id,
      organization_name: org.name,
      groups: [{ id: group.id, name: group.name }],
      is_superuser: false,
      role_id: stack.roles.operator,
      avatar_id: null,
      avatar_url: null,
    });
    const permissions = await stack.rest('GET', `/roles/${stack.roles.operator}/permissions`, {
      token: stack.adminToken,
    });
    expect([...res.body.permissions].sort()).toEqual([...permissions.body.permissions].sort());
    expect(res.body.permissions).toContain('user_me_read');
    expect(res.body.permissions).not.toContain('user_create');
  });

  it('lists every permission for the superuser', async () => {
    const res = await stack.rest('GET', '/users/me', { token: stack.adminToken });
    expectSpec(res, 200);
    expect(res.body).toMatchObject({ email: ADMIN.email, is_superuser: true });
    expect(res.body.permissions).toEqual(
      expect.arrayContaining(['user_create', 'role_create', 'auditlog_read', 'organization_delete']),
    );
  });
});

describe('PUT /users/me', () => {
  it("changes the caller's names and records user_update", async () => {
    const { access_token } = await stack.login(loner.email, loner.password);
    const res = await stack.rest('PUT', '/users/me', {
      token: access_token,
      json: { first_name: 'Ottilie-Renamed', last_name: 'Vandersloot' },
    });
    expectSpec(res, 200);
    expect(res.body).toMatchObject({
      id: loner.id,
      first_name: 'Ottilie-Renamed',
      last_name: 'Vandersloot',
      email: loner.email,
    });
    expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
    const me = await stack.rest('GET', '/users/me', { token: access_token });
    expect(me.body.first_name).toBe('Ottilie-Renamed');
    expectValidation(
      await stack.rest('PUT', '/users/me', {
        token: access_token,
        json: { first_name: 'x'.repeat(33), last_name: 'V' },
      }),
      ['body', 'first_name'],
    );
    const audit = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { user_ids: [loner.id], action_types: ['user_update'] },
    });
    expect(audit.body.auditlogs).toHaveLength(1);
  });
});

describe('PUT /users/me/password and /users/me/email', () => {
  it('changes the password only with the current one; the old one no longer signs in', async () => {
    const user = await stack.createUser({ organizationId: org.id, role: 'viewer' });
    const [session, other] = [
      await stack.login(user.email, user.password),
      await stack.login(user.email, user.password),
    ];
    const wrong = await stack.rest('PUT', '/users/me/password', {
      token: session.access_token,
      json: { old_password: 'not-my-password', new_password: 'brand-new-password' },
    });
    expectSpec(wrong, 400);
    expect(wrong.body).toEqual(errorBody('invalid_request', 400));
    expectValidation(
      await stack.rest('PUT', '/users/me/password', {
        token: session.access_token,
        json: { old_password: user.password },
      }),
      ['body', 'new_password'],
    );

    const changed = await stack.rest('PUT', '/users/me/password', {
      token: session.access_token,
      json: { old_password: user.password, new_password: 'brand-new-password' },
    });
    expectSpec(changed, 200);
    expect(changed.body).toMatchObject({ id: user.id, email: user.email });
    expect(JSON.stringify(changed.body)).not.toMatch(/password|hash/i);

    const old = await stack.rest('POST', '/token', {
      form: { grant_type: 'password', username: user.email, password: user.password },
    });
    expectSpec(old, 401);
    expect(old.body).toEqual(errorBody('token_invalid_credentials', 401));
    await stack.login(user.email, 'brand-new-password');
    // the session that changed it goes on; the others are signed out
    expectSpec(await stack.rest('GET', '/users/me', { token: session.access_token }), 200);
    expectSpec(await stack.rest('GET', '/users/me', { token: other.access_token }), 401);
  });

  it('changes the email only with the password', async () => {
    const user = await stack.createUser({ organizationId: org.id, role: 'viewer' });
    const { access_token } = await stack.login(user.email, user.password);
    const newEmail = `${stack.unique('moved')}@example.com`;
    const wrong = await stack.rest('PUT', '/users/me/email', {
      token: access_token,
      json: { password: 'not-my-password', email: newEmail },
    });
    expectSpec(wrong, 400);
    expect(wrong.body).toEqual(errorBody('invalid_request', 400));
    const taken = await stack.rest('PUT', '/users/me/email', {
      token: access_token,
      json: { password: user.password, email: grouped.email },
    });
    expectSpec(taken, 400);
    expectValidation(
      await stack.rest('PUT', '/users/me/email', {
        token: access_token,
        json: { password: user.password, email: 'nope' },
      }),
      ['body', 'email'],
    );
    expectValidation(await stack.rest('PUT', '/users/me/email', { token: access_token, json: { email: newEmail } }), [
      'body',
      'password',
    ]);

    const changed = await stack.rest('PUT', '/users/me/email', {
      token: access_token,
      json: { password: user.password, email: newEmail },
    });
    expectSpec(changed, 200);
    expect(changed.body).toMatchObject({ id: user.id, email: newEmail });
    expectSpec(
      await stack.rest('POST', '/token', {
        form: { grant_type: 'password', username: user.email, password: user.password },
      }),
      401,
    );
    await stack.login(newEmail, user.password);
  });
});

describe('POST /users/search and without_groups', () => {
  it('finds a user by email, by "first last" and by "last first"', async () => {
    for (const query of [grouped.email, 'Zebulon Quartermaine', 'Quartermaine Zebulon', 'zebulon quartermaine']) {
      const res = await stack.rest('POST', '/users/search', { token: stack.adminToken, json: { query } });
      expectSpec(res, 200);
      expect(
        res.body.users.map((u: TestUser) => u.id),
        query,
      ).toEqual([grouped.id]);
      expect(res.body.pagination.cursor ?? null).toBeNull();
    }
    const none = await stack.rest('POST', '/users/search', {
      token: stack.adminToken,
      json: { query: 'Zebulon Vandersloot' },
    });
    expect(none.body.users).toEqual([]);
  });

  it('leaves grouped users out with without_groups=true', async () => {
    const all = await stack.rest('GET', '/users', { token: stack.adminToken, query: { limit: 1000 } });
    const free = await stack.rest('GET', '/users', {
      token: stack.adminToken,
      query: { limit: 1000, without_groups: true },
    });
    expectSpec(free, 200);
    const allIds = all.body.users.map((u: TestUser) => u.id);
    const freeIds = free.body.users.map((u: TestUser) => u.id);
    expect(allIds).toEqual(expect.arrayContaining([grouped.id, loner.id]));
    expect(freeIds).toContain(loner.id);
    expect(freeIds).not.toContain(grouped.id);
    expect(free.body.users.every((u: TestUser) => u.groups.length === 0)).toBe(true);
    const search = await stack.rest('POST', '/users/search', {
      token: stack.adminToken,
      query: { without_groups: true },
      json: { query: grouped.email },
    });
    expect(search.body.users).toEqual([]);
    const members = await stack.rest('GET', `/organizations/${org.id}/members`, {
      token: stack.adminToken,
      query: { without_groups: true },
    });
    expectSpec(members, 200);
    expect(members.body.members.map((u: TestUser) => u.id)).not.toContain(grouped.id);
  });
});

describe('PUT and DELETE /users/{user_id}', () => {
  it('updates a user: role, group and names', async () => {
    const user = await stack.createUser({ organizationId: org.id, role: 'viewer' });
    const res = await stack.rest('PUT', `/users/${user.id}`, {
      token: stack.adminToken,
      json: {
        first_name: 'Promoted',
        last_name: user.last_name,
        email: user.email,
        group_ids: [group.id],
        role_id: stack.roles.operator,
      },
    });
    expectSpec(res, 200);
    expect(res.body).toMatchObject({
      id: user.id,
      first_name: 'Promoted',
      role_id: stack.roles.operator,
      groups: [{ id: group.id, name: group.name }],
    });
    const taken = await stack.rest('PUT', `/users/${user.id}`, {
      token: stack.adminToken,
      json: { first_name: 'P', last_name: 'Q', email: grouped.email, group_ids: [], role_id: stack.roles.viewer },
    });
    expectSpec(taken, 400);
    expect(taken.body).toEqual(errorBody('invalid_request', 400));
  });

  it('deletes a user: gone from reads, its token and its password refused', async () => {
    const user = await stack.createUser({ organizationId: org.id, role: 'viewer' });
    const { access_token } = await stack.login(user.email, user.password);
    const res = await stack.rest('DELETE', `/users/${user.id}`, { token: stack.adminToken });
    expectSpec(res, 200);
    expect(res.body).toEqual({ status: 'ok' });
    const gone = await stack.rest('GET', `/users/${user.id}`, { token: stack.adminToken });
    expectSpec(gone, 404);
    expect(gone.body).toEqual(errorBody('not_found', 404));
    expectSpec(await stack.rest('DELETE', `/users/${user.id}`, { token: stack.adminToken }), 404);
    expectSpec(await stack.rest('GET', '/users/me', { token: access_token }), 401);
    expectSpec(
      await stack.rest('POST', '/token', {
        form: { grant_type: 'password', username: user.email, password: user.password },
      }),
      401,
    );
    const audit = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { action_types: ['user_delete'] },
    });
    expect(audit.body.auditlogs.some((e: { meta: { user_id?: number } }) => e.meta.user_id === user.id)).toBe(true);
  });

  it('refuses to delete the caller', async () => {
    const me = await stack.rest('GET', '/users/me', { token: stack.adminToken });
    const res = await stack.rest('DELETE', `/users/${me.body.id}`, { token: stack.adminToken });
    expectSpec(res, 400);
    expect(res.body).toEqual(errorBody('invalid_request', 400));
  });

  it('answers 404 for an id nobody has', async () => {
    expectSpec(await stack.rest('GET', '/users/987654', { token: stack.adminToken }), 404);
  });
});
