import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSpec, TestStack, wsExecute, type TestUser } from '../support/stack.js';

type Member = TestUser & { token: string };

const VIEWER = `{ viewer { id email firstName lastName isSuperuser roleId permissions organization { id name } role { name } groups { id name } } }`;
const GROUP = `query($id: Int!) {
  group(id: $id) { id name userCount placeCount organization { id name } members(first: 10) { nodes { id } pageInfo { hasNextPage } } }
}`;
const ERROR_FIELDS = '__typename ... on Error { message } ... on InvalidRequestError { status }';

let stack: TestStack;
let org: { id: number; name: string };
let group: { id: number; name: string };
let orgAdmin: Member;
let member: TestUser;

beforeAll(async () => {
  stack = await TestStack.start();
  org = await stack.createOrganization();
  group = await stack.createGroup(org.id);
  [orgAdmin, member] = await Promise.all([
    stack.member(org.id, 'administrator'),
    stack.createUser({ organizationId: org.id, role: 'operator', groupIds: [group.id] }),
  ]);
});

afterAll(() => stack?.stop());

describe('identity reads through the router', () => {
  it('answers hello without a token', async () => {
    const res = await stack.gql('{ hello { message version } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { hello: { message: expect.any(String), version: expect.any(String) } } });
  });

  it('gives the viewer as REST /users/me does', async () => {
    const res = await stack.gql(VIEWER, undefined, orgAdmin.token);
    expect(res.body.errors).toBeUndefined();
    const viewer = res.body.data.viewer;
    expect(viewer).toMatchObject({
      id: orgAdmin.id,
      email: orgAdmin.email,
      isSuperuser: false,
      roleId: stack.roles.administrator,
      organization: { id: org.id, name: org.name },
      role: { name: 'administrator' },
      groups: [],
    });
    const me = await stack.rest('GET', '/users/me', { token: orgAdmin.token });
    expectSpec(me, 200);
    expect([...viewer.permissions].sort()).toEqual([...me.body.permissions].sort());
  });

  it("lists users of the caller's organization with their group", async () => {
    const res = await stack.gql(
      '{ users(first: 100) { nodes { id email organizationId groups { id name } } pageInfo { endCursor hasNextPage } } }',
      undefined,
      orgAdmin.token,
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.users.nodes as { id: number; organizationId: number; groups: { id: number }[] }[];
    expect(nodes.map((n) => n.id).sort((a, b) => a - b)).toEqual([orgAdmin.id, member.id].sort((a, b) => a - b));
    expect(nodes.find((n) => n.id === member.id)?.groups).toEqual([{ id: group.id, name: group.name }]);
    expect(res.body.data.users.pageInfo.hasNextPage).toBe(false);
  });

  it('gives a group with userCount and placeCount (from topology) as REST does', async () => {
    const res = await stack.gql(GROUP, { id: group.id }, orgAdmin.token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.group).toEqual({
      id: group.id,
      name: group.name,
      userCount: 1,
      placeCount: 0,
      organization: { id: org.id, name: org.name },
      members: { nodes: [{ id: member.id }], pageInfo: { hasNextPage: false } },
    });
    const rest = await stack.rest('GET', `/groups/${group.id}`, { token: orgAdmin.token });
    expect(rest.body).toMatchObject({ user_count: 1, place_count: 0 });
    const list = await stack.gql(
      '{ groups(first: 10) { nodes { id userCount placeCount } } }',
      undefined,
      orgAdmin.token,
    );
    expect(list.body.data.groups.nodes).toEqual([{ id: group.id, userCount: 1, placeCount: 0 }]);
  });

  it('answers null for objects that do not exist or are not visible', async () => {
    const other = await stack.createOrganization();
    const res = await stack.gql(
      'query($org: Int!) { user(id: 987654) { id } group(id: 987654) { id } role(id: 987654) { id } organization(id: $org) { id } auditLog(id: "00000000-0000-4000-8000-000000000000") { id } }',
      { org: other.id },
      orgAdmin.token,
    );
    expect(res.body).toEqual({ data: { user: null, group: null, role: null, organization: null, auditLog: null } });
  });

  it('answers the same over graphql-ws', async () => {
    const client = stack.ws(orgAdmin.token);
    const overWs = await wsExecute(client, GROUP, { id: group.id });
    const overHttp = await stack.gql(GROUP, { id: group.id }, orgAdmin.token);
    expect(overWs).toEqual(overHttp.body);
    const anonymous = await wsExecute(stack.ws(), '{ hello { message } }');
    expect(anonymous).toEqual({ data: { hello: { message: expect.any(String) } } });
    const refused = await wsExecute(stack.ws('garbage'), '{ hello { message } }');
    expect(refused).toEqual({ closed: 4401, reason: expect.any(String) });
  });
});

describe('mutations with typed errors', () => {
  it('creates a group and returns it as a Group', async () => {
    const res = await stack.gql(
      `mutation { createGroup(input: { name: "Made in GraphQL", description: "d" }) { ${ERROR_FIELDS} ... on Group { id organizationId userCount placeCount } } }`,
      undefined,
      orgAdmin.token,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createGroup).toEqual({
      __typename: 'Group',
      id: expect.any(Number),
      organizationId: org.id,
      userCount: 0,
      placeCount: 0,
    });
    const rest = await stack.rest('GET', `/groups/${res.body.data.createGroup.id}`, { token: orgAdmin.token });
    expectSpec(rest, 200);
    expect(rest.body.name).toBe('Made in GraphQL');
  });

  it('returns InvalidRequestError for a group in another organization, a second group and a group with members', async () => {
    const other = await stack.createOrganization();
    const second = await stack.createGroup(org.id);
    const res = await stack.gql(
      `mutation($other: Int, $second: Int!, $group: Int!, $user: Int!) {
        intoOther: createGroup(input: { name: "x", description: "d" }, organizationId: $other) { ${ERROR_FIELDS} }
        secondGroup: addGroupMembers(groupId: $second, userIds: [$user]) { ${ERROR_FIELDS} }
        withMembers: deleteGroup(id: $group) { ${ERROR_FIELDS} }
      }`,
      { other: other.id, second: second.id, group: group.id, user: member.id },
      orgAdmin.token,
    );
    expect(res.body.errors).toBeUndefined();
    for (const key of ['intoOther', 'secondGroup', 'withMembers']) {
      expect(res.body.data[key], key).toEqual({
        __typename: 'InvalidRequestError',
        message: expect.any(String),
        status: 'invalid_request',
      });
    }
  });

  it('returns NotFoundError for a group the caller cannot see', async () => {
    const foreign = await stack.createGroup((await stack.createOrganization()).id);
    const res = await stack.gql(
      `mutation($id: Int!) { updateGroup(id: $id, input: { name: "mine", description: "d" }) { ${ERROR_FIELDS} } deleteGroup(id: $id) { ${ERROR_FIELDS} } }`,
      { id: foreign.id },
      orgAdmin.token,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      updateGroup: { __typename: 'NotFoundError', message: expect.any(String) },
      deleteGroup: { __typename: 'NotFoundError', message: expect.any(String) },
    });
  });

  it('answers BAD_USER_INPUT for a variable that does not fit its type or is missing', async () => {
    const query = 'query ($id: Int!) { user(id: $id) { id } }';
    for (const variables of [{ id: 'abc' }, { id: 2 ** 40 }, {}, { id: null }]) {
      const res = await stack.gql(query, variables, orgAdmin.token);
      expect(res.body.data ?? null, JSON.stringify(variables)).toBeNull();
      expect(res.body.errors, JSON.stringify(variables)).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^Variable "\$id" /),
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
    }
  });

  it('answers FORBIDDEN as an error, not data, for a missing permission', async () => {
    const viewer = await stack.member(org.id, 'viewer');
    const res = await stack.gql(
      `mutation { createRole(input: { name: "nope", description: "d" }) { ${ERROR_FIELDS} } }`,
      undefined,
      viewer.token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.data ?? null).toBeNull();
  });
});
