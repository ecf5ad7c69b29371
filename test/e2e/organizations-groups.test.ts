import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';

let stack: TestStack;
let org: { id: number; name: string };
let otherOrg: { id: number; name: string };
let users: TestUser[];
let stranger: TestUser;

const admin = () => ({ token: stack.adminToken });

beforeAll(async () => {
  stack = await TestStack.start();
  [org, otherOrg] = await Promise.all([stack.createOrganization('Northwind Security'), stack.createOrganization()]);
  const created = await stack.createUsers([
    { organizationId: otherOrg.id },
    { organizationId: org.id },
    { organizationId: org.id },
    { organizationId: org.id },
  ]);
  stranger = created[0]!;
  users = created.slice(1);
});

afterAll(() => stack?.stop());

describe('organizations (9.x)', () => {
  it('creates, reads, searches and updates an organization', async () => {
    const created = await stack.rest('POST', '/organizations', {
      ...admin(),
      json: { name: 'Contoso Guards', description: 'Night watch' },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'Contoso Guards',
      description: 'Night watch',
      logo_id: null,
      logo_url: null,
      is_internal: false,
    });
    const id = created.body.id;

    const read = await stack.rest('GET', `/organizations/${id}`, admin());
    expectSpec(read, 200);
    expect(read.body).toEqual(created.body);

    const list = await stack.rest('GET', '/organizations', admin());
    expectSpec(list, 200);
    expect(list.body.organizations.map((o: { id: number }) => o.id)).toEqual(
      expect.arrayContaining([org.id, otherOrg.id, id]),
    );
    expect(list.body.organizations.filter((o: { is_internal: boolean }) => o.is_internal)).toHaveLength(1);

    const search = await stack.rest('POST', '/organizations/search', { ...admin(), json: { query: 'contoso' } });
    expectSpec(search, 200);
    expect(search.body.organizations.map((o: { id: number }) => o.id)).toEqual([id]);

    const updated = await stack.rest('PUT', `/organizations/${id}`, {
      ...admin(),
      json: { name: 'Contoso Guards Ltd', description: 'Day and night' },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({ id, name: 'Contoso Guards Ltd', description: 'Day and night' });

    const audit = await stack.rest('GET', '/auditlogs', {
      ...admin(),
      query: { action_types: ['organization_create', 'organization_update'], organization_id: id },
    });
    expect(audit.body.auditlogs.map((e: { action_type: string }) => e.action_type).sort()).toEqual([
      'organization_create',
      'organization_update',
    ]);
  });

  it('refuses a name longer than 64 characters or empty', async () => {
    expectValidation(
      await stack.rest('POST', '/organizations', { ...admin(), json: { name: 'n'.repeat(65), description: 'd' } }),
      ['body', 'name'],
    );
    expectValidation(await stack.rest('POST', '/organizations', { ...admin(), json: { name: '', description: 'd' } }), [
      'body',
      'name',
    ]);
  });

  it('lists members and groups of an organization', async () => {
    const members = await stack.rest('GET', `/organizations/${org.id}/members`, admin());
    expectSpec(members, 200);
    expect(members.body.members.map((u: TestUser) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
    const group = await stack.createGroup(org.id);
    const groups = await stack.rest('GET', `/organizations/${org.id}/groups`, admin());
    expectSpec(groups, 200);
    expect(groups.body.groups).toContainEqual(
      expect.objectContaining({ id: group.id, organization_id: org.id, user_count: 0, place_count: 0 }),
    );
    expectSpec(await stack.rest('DELETE', `/groups/${group.id}`, admin()), 200);
  });

  it('deletes only an empty, non-internal organization', async () => {
    const withUsers = await stack.rest('DELETE', `/organizations/${org.id}`, admin());
    expectSpec(withUsers, 400);
    expect(withUsers.body).toEqual(errorBody('invalid_request', 400));

    const internal = (await stack.rest('GET', '/organizations', admin())).body.organizations.find(
      (o: { is_internal: boolean }) => o.is_internal,
    );
    expectSpec(await stack.rest('DELETE', `/organizations/${internal.id}`, admin()), 400);

    const empty = await stack.createOrganization();
    const deleted = await stack.rest('DELETE', `/organizations/${empty.id}`, admin());
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    const gone = await stack.rest('GET', `/organizations/${empty.id}`, admin());
    expectSpec(gone, 404);
    expect(gone.body).toEqual(errorBody('not_found', 404));
  });
});

describe('groups (6.1–6.9)', () => {
  let group: { id: number; name: string };

  it('creates a group with no users and no places', async () => {
    const res = await stack.rest('POST', '/groups', {
      ...admin(),
      query: { organization_id: org.id },
      json: { name: 'Front desk', description: 'Lobby cameras' },
    });
    expectSpec(res, 200);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: 'Front desk',
      description: 'Lobby cameras',
      organization_id: org.id,
      organization_name: org.name,
      is_internal: false,
      user_count: 0,
      place_count: 0,
    });
    group = res.body;
    expectValidation(
      await stack.rest('POST', '/groups', { ...admin(), json: { name: 'g'.repeat(65), description: 'd' } }),
      ['body', 'name'],
    );
  });

  it('adds members and counts them', async () => {
    const added = await stack.rest('POST', `/groups/${group.id}/members`, {
      ...admin(),
      json: { user_ids: [users[0]!.id, users[1]!.id] },
    });
    expectSpec(added, 200);
    expect(added.body).toEqual({ status: 'ok' });

    const read = await stack.rest('GET', `/groups/${group.id}`, admin());
    expectSpec(read, 200);
    expect(read.body).toMatchObject({ user_count: 2, place_count: 0 });

    const members = await stack.rest('GET', `/groups/${group.id}/members`, admin());
    expectSpec(members, 200);
    expect(members.body.users.map((u: TestUser) => u.id).sort()).toEqual([users[0]!.id, users[1]!.id].sort());
    expect(members.body.users.every((u: TestUser) => u.groups.length === 1 && u.groups[0]!.id === group.id)).toBe(true);

    const user = await stack.rest('GET', `/users/${users[0]!.id}`, admin());
    expect(user.body.groups).toEqual([{ id: group.id, name: 'Front desk' }]);
    const audit = await stack.rest('GET', '/auditlogs', { ...admin(), query: { action_types: ['group_user_create'] } });
    expect(audit.body.auditlogs[0]).toMatchObject({
      action_type: 'group_user_create',
      organization_id: org.id,
      meta: { group_id: group.id },
    });
  });

  it('keeps a user in one group at most (400) and refuses users of another organization (400)', async () => {
    const second = await stack.createGroup(org.id);
    const again = await stack.rest('POST', `/groups/${second.id}/members`, {
      ...admin(),
      json: { user_ids: [users[2]!.id, users[0]!.id] },
    });
    expectSpec(again, 400);
    expect(again.body).toEqual(errorBody('invalid_request', 400));
    const foreign = await stack.rest('POST', `/groups/${second.id}/members`, {
      ...admin(),
      json: { user_ids: [stranger.id] },
    });
    expectSpec(foreign, 400);
    expect(foreign.body).toEqual(errorBody('invalid_request', 400));
    const unknown = await stack.rest('POST', `/groups/${second.id}/members`, {
      ...admin(),
      json: { user_ids: [999999] },
    });
    expectSpec(unknown, 400);

    // nothing of the refused requests was applied
    const secondRead = await stack.rest('GET', `/groups/${second.id}`, admin());
    expect(secondRead.body.user_count).toBe(0);
    expect((await stack.rest('GET', `/users/${users[0]!.id}`, admin())).body.groups).toEqual([
      { id: group.id, name: 'Front desk' },
    ]);
    expectSpec(await stack.rest('DELETE', `/groups/${second.id}`, admin()), 200);
  });

  it('updates and searches groups', async () => {
    const updated = await stack.rest('PUT', `/groups/${group.id}`, {
      ...admin(),
      json: { name: 'Front desk east', description: 'Lobby' },
    });
    expectSpec(updated, 200);
    expect(updated.body).toMatchObject({
      id: group.id,
      name: 'Front desk east',
      description: 'Lobby',
      user_count: 2,
      place_count: 0,
    });
    const search = await stack.rest('POST', '/groups/search', { ...admin(), json: { query: 'desk east' } });
    expectSpec(search, 200);
    expect(search.body.groups.map((g: { id: number }) => g.id)).toEqual([group.id]);
    const list = await stack.rest('GET', '/groups', admin());
    expectSpec(list, 200);
    expect(list.body.groups).toContainEqual(expect.objectContaining({ id: group.id, user_count: 2, place_count: 0 }));
  });

  it('refuses to delete a group with members, then removes them and deletes it', async () => {
    const refused = await stack.rest('DELETE', `/groups/${group.id}`, admin());
    expectSpec(refused, 400);
    expect(refused.body).toEqual(errorBody('invalid_request', 400));

    const removed = await stack.rest('DELETE', `/groups/${group.id}/members`, {
      ...admin(),
      json: { user_ids: [users[0]!.id] },
    });
    expectSpec(removed, 200);
    expect(removed.body).toEqual({ status: 'ok' });
    expect((await stack.rest('GET', `/groups/${group.id}`, admin())).body.user_count).toBe(1);
    expect((await stack.rest('GET', `/users/${users[0]!.id}`, admin())).body.groups).toEqual([]);
    expectSpec(await stack.rest('DELETE', `/groups/${group.id}`, admin()), 400);

    expectSpec(
      await stack.rest('DELETE', `/groups/${group.id}/members`, { ...admin(), json: { user_ids: [users[1]!.id] } }),
      200,
    );
    const deleted = await stack.rest('DELETE', `/groups/${group.id}`, admin());
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    expectSpec(await stack.rest('GET', `/groups/${group.id}`, admin()), 404);
    expectSpec(await stack.rest('GET', `/groups/${group.id}/members`, admin()), 404);
  });
});
