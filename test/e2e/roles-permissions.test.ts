import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, expectSpec, expectValidation, TestStack } from '../support/stack.js';

let stack: TestStack;
let orgId: number;

const admin = () => ({ token: stack.adminToken });

beforeAll(async () => {
  stack = await TestStack.start();
  orgId = (await stack.createOrganization()).id;
});

afterAll(() => stack?.stop());

describe('internal roles', () => {
  it('lists administrator, operator and viewer as internal', async () => {
    const res = await stack.rest('GET', '/roles', admin());
    expectSpec(res, 200);
    const internal = res.body.roles
      .filter((r: { is_internal: boolean }) => r.is_internal)
      .map((r: { name: string }) => r.name);
    expect(internal.sort()).toEqual(['administrator', 'operator', 'viewer']);
    const viewer = await stack.rest('GET', `/roles/${stack.roles.viewer}`, admin());
    expectSpec(viewer, 200);
    expect(viewer.body).toEqual({
      id: stack.roles.viewer,
      name: 'viewer',
      description: expect.any(String),
      is_internal: true,
    });
  });

  it('cannot be changed, deleted or given permissions (400)', async () => {
    const attempts = [
      await stack.rest('PUT', `/roles/${stack.roles.viewer}`, {
        ...admin(),
        json: { name: 'viewer', description: 'changed' },
      }),
      await stack.rest('DELETE', `/roles/${stack.roles.operator}`, admin()),
      await stack.rest('POST', '/permissions', {
        ...admin(),
        json: { role_id: stack.roles.viewer, permission: 'user_create' },
      }),
      await stack.rest('DELETE', '/permissions', {
        ...admin(),
        json: { role_id: stack.roles.viewer, permission: 'user_read' },
      }),
    ];
    for (const res of attempts) {
      expectSpec(res, 400);
      expect(res.body).toEqual(errorBody('invalid_request', 400));
    }
    const permissions = await stack.rest('GET', `/roles/${stack.roles.viewer}/permissions`, admin());
    expectSpec(permissions, 200);
    expect(permissions.body.permissions).toContain('user_read');
    expect(permissions.body.permissions).not.toContain('user_create');
    expect(
      permissions.body.permissions.every(
        (p: string) => p.endsWith('_read') || ['search_face', 'search_plate', 'user_me_update'].includes(p),
      ),
    ).toBe(true);
  });
});

describe('a custom role', () => {
  let roleId: number;

  it('is created, read and renamed', async () => {
    const created = await stack.rest('POST', '/roles', {
      ...admin(),
      json: { name: 'auditor', description: 'Reads users' },
    });
    expectSpec(created, 200);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'auditor',
      description: 'Reads users',
      is_internal: false,
    });
    roleId = created.body.id;
    const duplicate = await stack.rest('POST', '/roles', {
      ...admin(),
      json: { name: 'auditor', description: 'again' },
    });
    expectSpec(duplicate, 400);
    expect(duplicate.body).toEqual(errorBody('invalid_request', 400));
    expectValidation(
      await stack.rest('POST', '/roles', { ...admin(), json: { name: 'r'.repeat(65), description: 'd' } }),
      ['body', 'name'],
    );

    const updated = await stack.rest('PUT', `/roles/${roleId}`, {
      ...admin(),
      json: { name: 'user-auditor', description: 'Reads users only' },
    });
    expectSpec(updated, 200);
    expect(updated.body).toEqual({
      id: roleId,
      name: 'user-auditor',
      description: 'Reads users only',
      is_internal: false,
    });
    const read = await stack.rest('GET', `/roles/${roleId}`, admin());
    expect(read.body).toEqual(updated.body);
    const permissions = await stack.rest('GET', `/roles/${roleId}/permissions`, admin());
    expectSpec(permissions, 200);
    expect(permissions.body).toEqual({ permissions: [] });
  });

  it('grants and revokes permissions, and they take effect on the next request', async () => {
    const member = await stack.member(orgId, roleId);
    expect(member.role_id).toBe(roleId);
    const before = await stack.rest('GET', '/users', { token: member.token });
    expectSpec(before, 403);
    expect(before.body).toEqual(errorBody('unauthorized', 403));

    for (const permission of ['user_read', 'user_me_read']) {
      const granted = await stack.rest('POST', '/permissions', { ...admin(), json: { role_id: roleId, permission } });
      expectSpec(granted, 200);
      expect(granted.body).toEqual({ status: 'ok' });
    }
    expectSpec(
      await stack.rest('POST', '/permissions', { ...admin(), json: { role_id: roleId, permission: 'user_read' } }),
      400,
    );
    const list = await stack.rest('GET', `/roles/${roleId}/permissions`, admin());
    expect(list.body.permissions.sort()).toEqual(['user_me_read', 'user_read']);

    expectSpec(await stack.rest('GET', '/users', { token: member.token }), 200);
    const me = await stack.rest('GET', '/users/me', { token: member.token });
    expectSpec(me, 200);
    expect(me.body.permissions.sort()).toEqual(['user_me_read', 'user_read']);

    const revoked = await stack.rest('DELETE', '/permissions', {
      ...admin(),
      json: { role_id: roleId, permission: 'user_read' },
    });
    expectSpec(revoked, 200);
    expect(revoked.body).toEqual({ status: 'ok' });
    expectSpec(await stack.rest('GET', '/users', { token: member.token }), 403);
    expect((await stack.rest('GET', `/roles/${roleId}/permissions`, admin())).body.permissions).toEqual([
      'user_me_read',
    ]);

    const audit = await stack.rest('GET', '/auditlogs', {
      ...admin(),
      query: { action_types: ['permission_create', 'permission_delete'], order_by: 'created_at' },
    });
    expect(
      audit.body.auditlogs.map((e: { action_type: string; meta: { permission: string } }) => [
        e.action_type,
        e.meta.permission,
      ]),
    ).toEqual([
      ['permission_create', 'user_read'],
      ['permission_create', 'user_me_read'],
      ['permission_delete', 'user_read'],
    ]);
  });

  it('refuses permissions outside the enumeration (422) and unknown roles (404)', async () => {
    const res = await stack.rest('POST', '/permissions', { ...admin(), json: { role_id: roleId, permission: 'fly' } });
    expectValidation(res, ['body', 'permission']);
    expect(res.body.detail[0].type).toBe('type_error.enum');
    const unknown = await stack.rest('POST', '/permissions', {
      ...admin(),
      json: { role_id: 987654, permission: 'user_read' },
    });
    expectSpec(unknown, 404);
    expect(unknown.body).toEqual(errorBody('not_found', 404));
    for (const path of ['/roles/987654', '/roles/987654/permissions', '/roles/987654/members']) {
      const missing = await stack.rest('GET', path, admin());
      expectSpec(missing, 404);
      expect(missing.body).toEqual(errorBody('not_found', 404));
    }
  });

  it('lists its members and is deleted only once nobody holds it', async () => {
    const members = await stack.rest('GET', `/roles/${roleId}/members`, admin());
    expectSpec(members, 200);
    expect(members.body.members).toHaveLength(1);
    expect(members.body.members[0]).toMatchObject({ role_id: roleId, organization_id: orgId });
    const holder = members.body.members[0];

    const inUse = await stack.rest('DELETE', `/roles/${roleId}`, admin());
    expectSpec(inUse, 400);
    expect(inUse.body).toEqual(errorBody('invalid_request', 400));

    expectSpec(
      await stack.rest('PUT', `/users/${holder.id}`, {
        ...admin(),
        json: {
          first_name: holder.first_name,
          last_name: holder.last_name,
          email: holder.email,
          group_ids: [],
          role_id: stack.roles.viewer,
        },
      }),
      200,
    );
    expect((await stack.rest('GET', `/roles/${roleId}/members`, admin())).body).toEqual({ members: [] });
    const deleted = await stack.rest('DELETE', `/roles/${roleId}`, admin());
    expectSpec(deleted, 200);
    expect(deleted.body).toEqual({ status: 'ok' });
    expectSpec(await stack.rest('GET', `/roles/${roleId}`, admin()), 404);
  });

  it("lists the members of an internal role within the caller's organization", async () => {
    const orgAdmin = await stack.member(orgId, 'administrator');
    const res = await stack.rest('GET', `/roles/${stack.roles.administrator}/members`, { token: orgAdmin.token });
    expectSpec(res, 200);
    expect(res.body.members.map((m: { id: number }) => m.id)).toEqual([orgAdmin.id]);
    const all = await stack.rest('GET', `/roles/${stack.roles.administrator}/members`, admin());
    expect(all.body.members.length).toBeGreaterThanOrEqual(2);
  });
});
