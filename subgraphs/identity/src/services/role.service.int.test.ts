import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidRequestError, NotFoundError, PERMISSIONS, type Viewer } from '@argus/core';
import { PASSWORD, openIdentity, unique, rejection, type Identity } from '../../test/fixtures.js';

let id: Identity;
let organizationId: number;
let orgAdmin: Viewer;

beforeAll(async () => {
  id = await openIdentity();
  organizationId = (await id.organization()).id;
  orgAdmin = (await id.user({ organizationId, role: 'administrator' })).viewer;
});
afterAll(() => id?.close());

const newRole = () => id.services.roles.create(id.admin, { name: unique('custom-'), description: 'for a test' });

describe('internal roles', () => {
  it('exist with their permissions after the first start', async () => {
    const roles = await id.services.roles.list(orgAdmin);
    expect(roles.filter((r) => r.is_internal).map((r) => r.name)).toEqual(['administrator', 'operator', 'viewer']);
    expect(await id.services.roles.permissions(orgAdmin, id.roles.administrator)).toEqual([...PERMISSIONS].sort());
    const viewerPermissions = await id.services.roles.permissions(orgAdmin, id.roles.viewer);
    expect(viewerPermissions).toContain('user_read');
    expect(viewerPermissions).not.toContain('user_create');
    expect(await id.services.roles.permissions(orgAdmin, 999_999)).toBeUndefined();
  });

  it('cannot be changed, deleted, or have permissions granted or revoked, even by a superuser', async () => {
    const admin = id.roles.administrator;
    const viewerRole = id.roles.viewer;
    expect(
      await rejection(id.services.roles.update(id.admin, viewerRole, { name: 'viewer', description: 'changed' })),
    ).toBeInstanceOf(InvalidRequestError);
    expect(await rejection(id.services.roles.delete(id.admin, id.roles.operator))).toBeInstanceOf(InvalidRequestError);
    expect(await rejection(id.services.roles.grant(id.admin, viewerRole, 'user_create'))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await rejection(id.services.roles.revoke(id.admin, admin, 'user_read'))).toBeInstanceOf(InvalidRequestError);
    expect(await id.services.roles.find(id.admin, viewerRole)).toMatchObject({ name: 'viewer', is_internal: true });
    expect(await id.services.roles.permissions(id.admin, viewerRole)).not.toContain('user_create');
    expect(await id.services.roles.permissions(id.admin, admin)).toContain('user_read');
  });
});

describe('custom roles', () => {
  it('are created, renamed and deleted by a superuser', async () => {
    const role = await newRole();
    expect(role).toMatchObject({ is_internal: false, description: 'for a test' });
    const name = unique('renamed-');
    expect(await id.services.roles.update(id.admin, role.id, { name, description: 'd' })).toMatchObject({
      id: role.id,
      name,
      description: 'd',
    });
    await id.services.roles.delete(id.admin, role.id);
    expect(await id.services.roles.find(id.admin, role.id)).toBeUndefined();
    expect(await rejection(id.services.roles.delete(id.admin, role.id))).toBeInstanceOf(NotFoundError);
  });

  it('refuse a name another role already has', async () => {
    const role = await newRole();
    expect(await rejection(id.services.roles.create(id.admin, { name: role.name, description: '' }))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(
      await rejection(id.services.roles.update(id.admin, role.id, { name: 'viewer', description: '' })),
    ).toBeInstanceOf(InvalidRequestError);
    await expect(
      id.services.roles.update(id.admin, role.id, { name: role.name, description: 'same name is fine' }),
    ).resolves.toBeDefined();
  });

  it('cannot be deleted while a user holds them', async () => {
    const role = await newRole();
    const { row } = await id.user({ organizationId, role: role.id });
    expect(await rejection(id.services.roles.delete(id.admin, role.id))).toBeInstanceOf(InvalidRequestError);
    expect(await id.services.roles.find(id.admin, role.id)).toBeDefined();
    await id.services.users.delete(id.admin, row.id);
    await id.services.roles.delete(id.admin, role.id);
    expect(await id.services.roles.find(id.admin, role.id)).toBeUndefined();
  });

  it('are changed by nobody but a superuser, whatever their permissions', async () => {
    const role = await newRole();
    const refusals = [
      () => id.services.roles.create(orgAdmin, { name: unique('rogue-'), description: '' }),
      () => id.services.roles.update(orgAdmin, role.id, { name: unique('rogue-'), description: '' }),
      () => id.services.roles.delete(orgAdmin, role.id),
      () => id.services.roles.grant(orgAdmin, role.id, 'user_read'),
      () => id.services.roles.revoke(orgAdmin, role.id, 'user_read'),
    ];
    for (const refused of refusals) expect(await rejection(refused)).toBeInstanceOf(ForbiddenError);
    expect(await id.services.roles.find(id.admin, role.id)).toMatchObject({ name: role.name });
    expect(await id.services.roles.permissions(id.admin, role.id)).toEqual([]);
  });

  it("lists the role's members within the caller's organization", async () => {
    const role = await newRole();
    const own = (await id.user({ organizationId, role: role.id })).row;
    const foreign = (await id.user({ organizationId: (await id.organization()).id, role: role.id })).row;
    expect((await id.services.users.roleMembers(orgAdmin, role.id))!.map((u) => u.id)).toEqual([own.id]);
    expect((await id.services.users.roleMembers(id.admin, role.id))!.map((u) => u.id)).toEqual([own.id, foreign.id]);
    expect(await id.services.users.roleMembers(orgAdmin, 999_999)).toBeUndefined();
  });

  it('need role_read to be read at all', async () => {
    const role = await newRole();
    const { viewer } = await id.user({ organizationId, role: role.id });
    expect(await rejection(id.services.roles.list(viewer))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(id.services.roles.permissions(viewer, role.id))).toBeInstanceOf(ForbiddenError);
  });
});

describe('permissions', () => {
  it('granted to a role take effect on the next request of its users, and revoked ones stop', async () => {
    const role = await newRole();
    const { row } = await id.user({ organizationId, role: role.id });
    const { accessToken } = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    const listUsers = async () =>
      id.services.users.list(await id.services.tokens.authenticate(accessToken), { limit: 10 });

    expect(await rejection(listUsers())).toBeInstanceOf(ForbiddenError);
    await id.services.roles.grant(id.admin, role.id, 'user_read');
    expect(await id.services.roles.permissions(id.admin, role.id)).toEqual(['user_read']);
    expect((await listUsers()).items.map((u) => u.organization_id)).toContain(organizationId);

    expect(await rejection(id.services.roles.grant(id.admin, role.id, 'user_read'))).toBeInstanceOf(
      InvalidRequestError,
    );
    await id.services.roles.revoke(id.admin, role.id, 'user_read');
    expect(await id.services.roles.permissions(id.admin, role.id)).toEqual([]);
    expect(await rejection(listUsers())).toBeInstanceOf(ForbiddenError);
  });

  it('refuse unknown roles', async () => {
    expect(await rejection(id.services.roles.grant(id.admin, 999_999, 'user_read'))).toBeInstanceOf(NotFoundError);
    expect(await rejection(id.services.roles.revoke(id.admin, 999_999, 'user_read'))).toBeInstanceOf(NotFoundError);
  });

  it('of the viewer role do not include changing anything', async () => {
    const { viewer } = await id.user({ organizationId, role: 'viewer' });
    const attempts = [
      () =>
        id.services.users.create(viewer, {
          firstName: 'a',
          lastName: 'b',
          email: `${unique('v')}@example.test`,
          password: PASSWORD,
          groupIds: [],
          roleId: id.roles.viewer,
        }),
      () => id.services.users.delete(viewer, orgAdmin.userId),
      () => id.services.groups.create(viewer, { name: 'g', description: '' }),
      () => id.services.organizations.update(viewer, organizationId, { name: 'n', description: '' }),
      () => id.services.roles.create(viewer, { name: unique('v-'), description: '' }),
    ];
    for (const attempt of attempts) expect(await rejection(attempt)).toBeInstanceOf(ForbiddenError);
    expect(await id.services.users.find(id.admin, orgAdmin.userId)).toBeDefined();
  });
});
