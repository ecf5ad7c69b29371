import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, TestStack, type TestUser } from '../support/stack.js';

type Member = TestUser & { token: string };

let stack: TestStack;
let orgA: { id: number; name: string };
let orgB: { id: number; name: string };
let groupA: { id: number };
let userA: TestUser;
let viewerA: Member;
let adminB: Member;

beforeAll(async () => {
  stack = await TestStack.start();
  [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  groupA = await stack.createGroup(orgA.id);
  [userA, viewerA, adminB] = await Promise.all([
    stack.createUser({ organizationId: orgA.id, role: 'operator', groupIds: [groupA.id] }),
    stack.member(orgA.id, 'viewer'),
    stack.member(orgB.id, 'administrator'),
  ]);
});

afterAll(() => stack?.stop());

describe('a viewer (internal read-only role)', () => {
  it('has the id GET /roles gives for "viewer", and reads its own organization', async () => {
    expect(viewerA.role_id).toBe(stack.roles.viewer);
    const users = await stack.rest('GET', '/users', { token: viewerA.token });
    expectSpec(users, 200);
    expect(users.body.users.every((u: TestUser) => u.organization_id === orgA.id)).toBe(true);
    expectSpec(await stack.rest('GET', `/groups/${groupA.id}`, { token: viewerA.token }), 200);
  });

  it.each([
    [
      'POST',
      '/users',
      () => ({
        first_name: 'No',
        last_name: 'Way',
        email: 'no.way@example.com',
        password: 'password-1',
        group_ids: [],
        role_id: stack.roles.viewer,
      }),
    ],
    ['POST', '/groups', () => ({ name: 'Not allowed', description: 'd' })],
    ['POST', '/roles', () => ({ name: 'not-allowed', description: 'd' })],
    ['POST', '/organizations', () => ({ name: 'Not allowed', description: 'd' })],
    [
      'PUT',
      '/users/USER_A',
      () => ({ first_name: 'X', last_name: 'Y', email: 'x.y@example.com', group_ids: [], role_id: stack.roles.viewer }),
    ],
    ['DELETE', '/groups/GROUP_A', () => undefined],
  ])('gets 403 unauthorized on %s %s', async (method, path, body) => {
    const res = await stack.rest(
      method,
      path.replace('USER_A', String(userA.id)).replace('GROUP_A', String(groupA.id)),
      { token: viewerA.token, json: body() },
    );
    expectSpec(res, 403);
    expect(res.body).toEqual(errorBody('unauthorized', 403));
  });

  it('created nothing with those attempts', async () => {
    const roles = await stack.rest('GET', '/roles', { token: stack.adminToken });
    expect(roles.body.roles.map((r: { name: string }) => r.name)).not.toContain('not-allowed');
    const group = await stack.rest('GET', `/groups/${groupA.id}`, { token: stack.adminToken });
    expectSpec(group, 200);
    const user = await stack.rest('GET', `/users/${userA.id}`, { token: stack.adminToken });
    expect(user.body.first_name).toBe(userA.first_name);
  });

  it('is refused through GraphQL too (FORBIDDEN)', async () => {
    const res = await stack.gql(
      'mutation { createGroup(input: { name: "g", description: "d" }) { __typename } }',
      undefined,
      viewerA.token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe("an administrator of organization B and organization A's objects", () => {
  it.each([
    ['GET', '/users/USER_A'],
    ['PUT', '/users/USER_A'],
    ['DELETE', '/users/USER_A'],
    ['GET', '/groups/GROUP_A'],
    ['PUT', '/groups/GROUP_A'],
    ['DELETE', '/groups/GROUP_A'],
    ['GET', '/groups/GROUP_A/members'],
    ['POST', '/groups/GROUP_A/members'],
    ['GET', '/organizations/ORG_A'],
    ['PUT', '/organizations/ORG_A'],
    ['GET', '/organizations/ORG_A/members'],
    ['GET', '/organizations/ORG_A/groups'],
  ])('%s %s answers 404 not_found', async (method, template) => {
    const bodies: Record<string, unknown> = {
      'PUT /users/USER_A': {
        first_name: 'X',
        last_name: 'Y',
        email: 'taken.over@example.com',
        group_ids: [],
        role_id: stack.roles.viewer,
      },
      'PUT /groups/GROUP_A': { name: 'Taken over', description: 'd' },
      'POST /groups/GROUP_A/members': { user_ids: [adminB.id] },
      'PUT /organizations/ORG_A': { name: 'Taken over', description: 'd' },
    };
    const path = template
      .replace('USER_A', String(userA.id))
      .replace('GROUP_A', String(groupA.id))
      .replace('ORG_A', String(orgA.id));
    const res = await stack.rest(method, path, { token: adminB.token, json: bodies[`${method} ${template}`] });
    expectSpec(res, 404);
    expect(res.body).toEqual(errorBody('not_found', 404));
  });

  it('left the objects unchanged', async () => {
    const [user, group, org] = await Promise.all([
      stack.rest('GET', `/users/${userA.id}`, { token: stack.adminToken }),
      stack.rest('GET', `/groups/${groupA.id}`, { token: stack.adminToken }),
      stack.rest('GET', `/organizations/${orgA.id}`, { token: stack.adminToken }),
    ]);
    expect(user.body).toMatchObject({ email: userA.email, groups: [{ id: groupA.id }] });
    expect(group.body).toMatchObject({ id: groupA.id, user_count: 1 });
    expect(org.body.name).toBe(orgA.name);
  });

  it('never lists them', async () => {
    const [users, search, groups, groupSearch, orgs, orgSearch, audit] = await Promise.all([
      stack.rest('GET', '/users', { token: adminB.token, query: { limit: 1000 } }),
      stack.rest('POST', '/users/search', { token: adminB.token, json: { query: userA.email } }),
      stack.rest('GET', '/groups', { token: adminB.token, query: { limit: 1000 } }),
      stack.rest('POST', '/groups/search', { token: adminB.token, json: { query: 'Group' } }),
      stack.rest('GET', '/organizations', { token: adminB.token }),
      stack.rest('POST', '/organizations/search', { token: adminB.token, json: { query: 'Org' } }),
      stack.rest('GET', '/auditlogs', { token: adminB.token, query: { limit: 1000 } }),
    ]);
    for (const res of [users, search, groups, groupSearch, orgs, orgSearch, audit]) expectSpec(res, 200);
    expect(users.body.users.map((u: TestUser) => u.id)).toContain(adminB.id);
    expect(users.body.users.every((u: TestUser) => u.organization_id === orgB.id)).toBe(true);
    expect(search.body.users).toEqual([]);
    expect(groups.body.groups.every((g: { organization_id: number }) => g.organization_id === orgB.id)).toBe(true);
    expect(groupSearch.body.groups.every((g: { organization_id: number }) => g.organization_id === orgB.id)).toBe(true);
    expect(orgs.body.organizations.map((o: { id: number }) => o.id)).toEqual([orgB.id]);
    expect(orgSearch.body.organizations.map((o: { id: number }) => o.id)).toEqual([orgB.id]);
    expect(audit.body.auditlogs.length).toBeGreaterThan(0);
    expect(audit.body.auditlogs.every((e: { organization_id: number }) => e.organization_id === orgB.id)).toBe(true);
  });

  it('may not pass organization_id: 400 on creation, 403 on lists', async () => {
    const user = await stack.rest('POST', '/users', {
      token: adminB.token,
      query: { organization_id: orgA.id },
      json: {
        first_name: 'In',
        last_name: 'A',
        email: 'in.a@example.com',
        password: 'password-1',
        group_ids: [],
        role_id: stack.roles.viewer,
      },
    });
    expectSpec(user, 400);
    expect(user.body).toEqual(errorBody('invalid_request', 400));
    const group = await stack.rest('POST', '/groups', {
      token: adminB.token,
      query: { organization_id: orgA.id },
      json: { name: 'In A', description: 'd' },
    });
    expectSpec(group, 400);
    expect(group.body).toEqual(errorBody('invalid_request', 400));
    for (const res of [
      await stack.rest('POST', '/users/search', {
        token: adminB.token,
        query: { organization_id: orgA.id },
        json: { query: userA.email },
      }),
      await stack.rest('GET', '/auditlogs', { token: adminB.token, query: { organization_id: orgA.id } }),
    ]) {
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
  });

  it('may not create organizations or roles (403)', async () => {
    for (const [path, body] of [
      ['/organizations', { name: 'Mine', description: 'd' }],
      ['/roles', { name: 'mine', description: 'd' }],
    ] as const) {
      const res = await stack.rest('POST', path, { token: adminB.token, json: body });
      expectSpec(res, 403);
      expect(res.body).toEqual(errorBody('unauthorized', 403));
    }
  });

  it('sees null through GraphQL for them, and a typed error when creating a group there', async () => {
    const read = await stack.gql(
      'query($u: Int!, $g: Int!, $o: Int!) { user(id: $u) { id } group(id: $g) { id } organization(id: $o) { id } }',
      { u: userA.id, g: groupA.id, o: orgA.id },
      adminB.token,
    );
    expect(read.body).toEqual({ data: { user: null, group: null, organization: null } });
    const created = await stack.gql(
      'mutation($o: Int) { createGroup(input: { name: "Intruders", description: "d" }, organizationId: $o) { __typename ... on Error { message } ... on InvalidRequestError { status } ... on Group { id } } }',
      { o: orgA.id },
      adminB.token,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createGroup).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.any(String),
      status: 'invalid_request',
    });
  });
});

describe('a superuser', () => {
  it('creates users and groups in another organization with organization_id', async () => {
    const group = await stack.rest('POST', '/groups', {
      token: stack.adminToken,
      query: { organization_id: orgB.id },
      json: { name: 'Made for B', description: 'd' },
    });
    expectSpec(group, 200);
    expect(group.body).toMatchObject({ organization_id: orgB.id, organization_name: orgB.name });
    const user = await stack.createUser({ organizationId: orgB.id, groupIds: [group.body.id] });
    expect(user).toMatchObject({ organization_id: orgB.id, groups: [{ id: group.body.id, name: 'Made for B' }] });
    const seenByB = await stack.rest('GET', `/users/${user.id}`, { token: adminB.token });
    expectSpec(seenByB, 200);
  });

  it('reads any organization and filters by organization_id', async () => {
    expectSpec(await stack.rest('GET', `/users/${userA.id}`, { token: stack.adminToken }), 200);
    const search = await stack.rest('POST', '/users/search', {
      token: stack.adminToken,
      query: { organization_id: orgA.id },
      json: { query: 'Test' },
    });
    expectSpec(search, 200);
    expect(search.body.users.length).toBeGreaterThan(0);
    expect(search.body.users.every((u: TestUser) => u.organization_id === orgA.id)).toBe(true);
    const audit = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { organization_id: orgA.id, limit: 1000 },
    });
    expectSpec(audit, 200);
    expect(audit.body.auditlogs.length).toBeGreaterThan(0);
    expect(audit.body.auditlogs.every((e: { organization_id: number }) => e.organization_id === orgA.id)).toBe(true);
  });

  it('gets a typed error for a group in an organization that does not exist', async () => {
    const created = await stack.gql(
      'mutation { createGroup(input: { name: "Nowhere", description: "d" }, organizationId: 999999) { __typename ... on Error { message } } }',
      undefined,
      stack.adminToken,
    );
    expect(created.body.data.createGroup).toEqual({
      __typename: 'InvalidRequestError',
      message: 'Provided organization does not exist',
    });
  });
});
