import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, InputValidationError, NotFoundError, encodeCursor, type Viewer } from '@argus/core';
import { AuditLogRepository, type AuditLogRow } from '../repositories/audit-log.repository.js';
import type { UserRow } from '../repositories/user.repository.js';
import type { AuditLogFilter } from './audit-log.service.js';
import { CLIENT_IP, PASSWORD, openIdentity, rejection, unique, type Identity } from '../../test/fixtures.js';

const HOUR = 3_600_000;

let id: Identity;

beforeAll(async () => {
  id = await openIdentity();
});
afterAll(() => id?.close());

/** An organization with its own administrator, calling from CLIENT_IP. */
async function tenant(): Promise<{ organizationId: number; admin: Viewer; adminRow: UserRow }> {
  const organizationId = (await id.organization()).id;
  const { row, viewer } = await id.user({ organizationId, role: 'administrator' });
  return { organizationId, admin: viewer, adminRow: row };
}

/** Writes an entry by `user` the way the service does, then moves it `ageMs` into the past. */
async function pastEntry(user: UserRow, ageMs: number): Promise<string> {
  const entryId = randomUUID();
  await new AuditLogRepository(id.db).insert({
    id: entryId,
    action_type: 'user_update',
    organization_id: user.organization_id,
    organization_name: 'past',
    user_id: user.id,
    user_email: user.email,
    user_first_name: user.first_name,
    user_last_name: user.last_name,
    user_avatar_id: null,
    user_role_id: user.role_id,
    user_role_name: 'viewer',
    user_groups: [],
    user_is_superuser: false,
    client_ip: CLIENT_IP,
    meta: {},
  });
  await id.db
    .updateTable('audit_logs')
    .set({ created_at: new Date(Date.now() - ageMs) })
    .where('id', '=', entryId)
    .execute();
  return entryId;
}

const list = (viewer: Viewer, filter: Partial<AuditLogFilter>) =>
  id.services.auditLogs.list(viewer, { limit: 1000, ...filter });
const entryIds = (page: { items: AuditLogRow[] }) => page.items.map((e) => e.id);

describe('recording', () => {
  it('writes each identity action with its action type, the caller, the organization and the client IP', async () => {
    const { organizationId, admin, adminRow } = await tenant();
    const home = await id.group(organizationId, 'Home group');
    // ungrouped while managing users and groups (a group member may put users only in their own group)
    const actor = await id.viewerOf(adminRow);

    const user = await id.services.users.create(actor, {
      firstName: 'A',
      lastName: 'B',
      email: `${unique('a')}@example.test`,
      password: PASSWORD,
      groupIds: [],
      roleId: id.roles.viewer,
    });
    await id.services.users.update(actor, user.id, {
      firstName: 'C',
      lastName: 'D',
      email: user.email,
      groupIds: [],
      roleId: id.roles.viewer,
    });
    const group = await id.services.groups.create(actor, { name: 'Audited', description: '' });
    await id.services.groups.update(actor, group.id, { name: 'Audited 2', description: '' });
    await id.services.groups.addMembers(actor, group.id, [user.id]);
    await id.services.groups.removeMembers(actor, group.id, [user.id]);
    await id.services.groups.delete(actor, group.id);
    await id.services.users.delete(actor, user.id);
    await id.services.groups.addMembers(id.admin, home.id, [adminRow.id]);
    await id.services.organizations.update(actor, organizationId, { name: 'Audited org', description: '' });
    await id.services.users.updateMe(actor, { firstName: 'Org', lastName: 'Admin' });
    const pair = await id.services.tokens.login({ username: adminRow.email, password: PASSWORD }, CLIENT_IP);
    await id.services.tokens.revoke(pair.accessToken, 'access_token', CLIENT_IP);

    const entries = (await list(id.admin, { userIds: [admin.userId], orderBy: 'created_at' })).items;
    expect(entries.map((e) => e.action_type)).toEqual([
      'user_create',
      'user_update',
      'group_create',
      'group_update',
      'group_user_create',
      'group_user_delete',
      'group_delete',
      'user_delete',
      'organization_update',
      'user_update',
      'user_login',
      'user_logout',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        organization_id: organizationId,
        user_id: admin.userId,
        user_email: adminRow.email,
        user_role_id: id.roles.administrator,
        user_role_name: 'administrator',
        user_is_superuser: false,
        client_ip: CLIENT_IP,
      });
    }
    expect(entries[0]!.user_groups).toEqual([]);
    expect(entries.at(-1)!.user_groups).toEqual([{ id: home.id, name: 'Home group' }]);
    expect(entries[0]!.meta).toMatchObject({ user_id: user.id });
    expect(entries.at(-1)!).toMatchObject({ user_first_name: 'Org', organization_name: 'Audited org' });
  });

  it("writes the superuser's organization, role and permission actions", async () => {
    const before = new Date();
    const organization = await id.services.organizations.create(id.admin, { name: 'Short-lived', description: '' });
    await id.services.organizations.delete(id.admin, organization.id);
    const role = await id.services.roles.create(id.admin, { name: unique('audited-'), description: '' });
    await id.services.roles.update(id.admin, role.id, { name: unique('audited-'), description: 'd' });
    await id.services.roles.grant(id.admin, role.id, 'camera_read');
    await id.services.roles.revoke(id.admin, role.id, 'camera_read');
    await id.services.roles.delete(id.admin, role.id);

    const entries = (await list(id.admin, { userIds: [id.admin.userId], createdAtFrom: before, orderBy: 'created_at' }))
      .items;
    expect(entries.map((e) => [e.action_type, e.organization_id])).toEqual([
      ['organization_create', organization.id],
      ['organization_delete', id.internalOrganizationId],
      ['role_create', id.internalOrganizationId],
      ['role_update', id.internalOrganizationId],
      ['permission_create', id.internalOrganizationId],
      ['permission_delete', id.internalOrganizationId],
      ['role_delete', id.internalOrganizationId],
    ]);
    expect(entries.every((e) => e.client_ip === CLIENT_IP && e.user_is_superuser)).toBe(true);
    expect(entries[4]!.meta).toEqual({ role_id: role.id, permission: 'camera_read' });
  });
});

describe('listing', () => {
  it('covers the last 24 hours unless the period says otherwise', async () => {
    const { adminRow } = await tenant();
    const recent = await pastEntry(adminRow, 23 * HOUR);
    const yesterday = await pastEntry(adminRow, 25 * HOUR);
    const older = await pastEntry(adminRow, 48 * HOUR);
    const of = (filter: Partial<AuditLogFilter>) =>
      list(id.admin, { userIds: [adminRow.id], actionTypes: ['user_update'], ...filter }).then(entryIds);

    expect(await of({})).toEqual([recent]);
    expect(await of({ createdAtFrom: new Date(Date.now() - 47 * HOUR) })).toEqual([recent, yesterday]);
    expect(await of({ createdAtFrom: new Date(Date.now() - 49 * HOUR) })).toEqual([recent, yesterday, older]);
    expect(
      await of({ createdAtFrom: new Date(Date.now() - 49 * HOUR), createdAtTo: new Date(Date.now() - 24 * HOUR) }),
    ).toEqual([yesterday, older]);
    // a period ending in the past still defaults to the 24 hours before its end
    expect(await of({ createdAtTo: new Date(Date.now() - 24 * HOUR) })).toEqual([yesterday]);
  });

  it('filters by users and action types, newest first unless ordered by created_at', async () => {
    const a = await tenant();
    const b = await tenant();
    for (const t of [a, b]) {
      await id.services.groups.create(t.admin, { name: 'g', description: '' });
      await id.services.organizations.update(t.admin, t.organizationId, { name: 'o', description: '' });
    }
    const both = [a.admin.userId, b.admin.userId];
    const types = (entries: AuditLogRow[]) =>
      entries.map((e) => `${e.user_id === a.admin.userId ? 'a' : 'b'}:${e.action_type}`);

    const newest = (await list(id.admin, { userIds: both, actionTypes: ['group_create', 'organization_update'] }))
      .items;
    expect(types(newest)).toEqual([
      'b:organization_update',
      'b:group_create',
      'a:organization_update',
      'a:group_create',
    ]);
    const oldest = (
      await list(id.admin, {
        userIds: both,
        actionTypes: ['group_create', 'organization_update'],
        orderBy: 'created_at',
      })
    ).items;
    expect(oldest.map((e) => e.id)).toEqual(newest.map((e) => e.id).reverse());
    expect(types((await list(id.admin, { userIds: [b.admin.userId], actionTypes: ['group_create'] })).items)).toEqual([
      'b:group_create',
    ]);
    expect(
      types((await list(id.admin, { userIds: both, actionTypes: ['group_create'], orderBy: '-created_at' })).items),
    ).toEqual(['b:group_create', 'a:group_create']);
  });

  it.each(['-created_at', 'created_at'] as const)(
    'walks every page by cursor without repeats or gaps (%s)',
    async (orderBy) => {
      const { admin } = await tenant();
      const groupIds: number[] = [];
      for (let i = 0; i < 27; i++)
        groupIds.push((await id.services.groups.create(admin, { name: `g${i}`, description: '' })).id);
      // entries written in the same millisecond must not be lost or repeated at a page boundary
      const tied = await list(id.admin, { userIds: [admin.userId], actionTypes: ['group_create'] });
      await id.db
        .updateTable('audit_logs')
        .set({ created_at: new Date(Date.now() - HOUR) })
        .where(
          'id',
          'in',
          tied.items.slice(5, 20).map((e) => e.id),
        )
        .execute();

      const everything = entryIds(await list(admin, { orderBy, actionTypes: ['group_create'] }));
      expect(everything).toHaveLength(27);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await id.services.auditLogs.list(admin, {
          orderBy,
          actionTypes: ['group_create'],
          limit: 10,
          cursor,
        });
        pages.push(entryIds(page));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([10, 10, 7]);
      expect(pages.flat()).toEqual(everything);
      expect(new Set(pages.flat()).size).toBe(27);
    },
  );

  it('refuses a cursor that does not name an entry', async () => {
    const { admin } = await tenant();
    for (const cursor of [
      '%%%',
      encodeCursor([1]),
      encodeCursor(['yesterday', randomUUID()]),
      encodeCursor([new Date().toISOString(), 'not-a-uuid']),
    ]) {
      expect(await rejection(() => id.services.auditLogs.list(admin, { limit: 10, cursor }))).toBeInstanceOf(
        InputValidationError,
      );
    }
  });
});

describe('organization scope', () => {
  it("shows a non-superuser only their organization's entries", async () => {
    const a = await tenant();
    const b = await tenant();
    await id.services.groups.create(a.admin, { name: 'a', description: '' });
    await id.services.groups.create(b.admin, { name: 'b', description: '' });
    const seenByA = (await list(a.admin, {})).items;
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((e) => e.organization_id === a.organizationId)).toBe(true);
    expect(seenByA.some((e) => e.user_id === a.admin.userId && e.action_type === 'group_create')).toBe(true);
    expect(await rejection(list(a.admin, { organizationId: b.organizationId }))).toBeInstanceOf(ForbiddenError);

    const ofB = (await list(id.admin, { organizationId: b.organizationId })).items;
    expect(ofB.length).toBeGreaterThan(0);
    expect(ofB.every((e) => e.organization_id === b.organizationId)).toBe(true);
    const everyone = (await list(id.admin, {})).items.map((e) => e.organization_id);
    expect(everyone).toEqual(expect.arrayContaining([a.organizationId, b.organizationId, id.internalOrganizationId]));
  });

  it('answers not found for one entry of another organization', async () => {
    const a = await tenant();
    const b = await tenant();
    await id.services.groups.create(b.admin, { name: 'b', description: '' });
    const entry = (await list(b.admin, { userIds: [b.admin.userId], actionTypes: ['group_create'] })).items[0]!;
    expect(await id.services.auditLogs.find(b.admin, entry.id)).toMatchObject({ id: entry.id });
    expect(await id.services.auditLogs.find(a.admin, entry.id)).toBeUndefined();
    expect(await rejection(id.services.auditLogs.get(a.admin, entry.id))).toBeInstanceOf(NotFoundError);
    expect(await id.services.auditLogs.find(id.admin, entry.id, a.organizationId)).toBeUndefined();
    expect(await id.services.auditLogs.find(id.admin, entry.id, b.organizationId)).toMatchObject({ id: entry.id });
  });

  it('needs auditlog_read', async () => {
    const { organizationId } = await tenant();
    const role = await id.services.roles.create(id.admin, { name: unique('no-audit-'), description: '' });
    const { viewer } = await id.user({ organizationId, role: role.id });
    expect(await rejection(list(viewer, {}))).toBeInstanceOf(ForbiddenError);
  });
});
