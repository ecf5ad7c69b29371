import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  InputValidationError,
  InvalidRequestError,
  NotFoundError,
  type Permission,
  type Viewer,
} from '@argus/core';
import type { UserRow } from '../repositories/user.repository.js';
import type { UserInput } from './user.service.js';
import { PASSWORD, openIdentity, rejection, unique, type Identity } from '../../test/fixtures.js';

let id: Identity;
let orgA: number;
let orgB: number;
/** a custom role: manages users, reads nothing else */
let managerRole: number;
/** a custom role holding a subset of the manager's permissions */
let liteRole: number;
let manager: { row: UserRow; viewer: Viewer };
let orgAdmin: { row: UserRow; viewer: Viewer };

async function role(permissions: Permission[]): Promise<number> {
  const created = await id.services.roles.create(id.admin, { name: unique('role-'), description: 'for a test' });
  for (const permission of permissions) await id.services.roles.grant(id.admin, created.id, permission);
  return created.id;
}

beforeAll(async () => {
  id = await openIdentity();
  orgA = (await id.organization()).id;
  orgB = (await id.organization()).id;
  managerRole = await role([
    'user_read',
    'user_create',
    'user_update',
    'user_delete',
    'user_me_read',
    'user_me_update',
  ]);
  liteRole = await role(['user_me_read', 'user_me_update']);
  manager = await id.user({ organizationId: orgA, role: managerRole });
  orgAdmin = await id.user({ organizationId: orgA, role: 'administrator' });
});
afterAll(() => id?.close());

const input = (row: Pick<UserRow, 'email' | 'role_id'> | undefined, overrides: Partial<UserInput> = {}): UserInput => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: row?.email ?? `${unique('ada')}@example.test`,
  password: null,
  groupIds: [],
  roleId: row?.role_id ?? liteRole,
  ...overrides,
});
const stored = async (userId: number) =>
  id.db
    .selectFrom('users')
    .select(['role_id', 'email', 'password_hash', 'is_superuser'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();

describe('granting roles', () => {
  it('refuses a non-superuser giving themselves a role with permissions they lack, and keeps their role', async () => {
    for (const target of [id.roles.administrator, id.roles.viewer]) {
      expect(
        await rejection(
          id.services.users.update(manager.viewer, manager.row.id, input(manager.row, { roleId: target })),
        ),
      ).toBeInstanceOf(ForbiddenError);
    }
    expect((await stored(manager.row.id)).role_id).toBe(managerRole);
  });

  it('refuses creating a user with a role the caller does not fully hold, and allows a subset', async () => {
    for (const roleId of [id.roles.administrator, id.roles.operator, id.roles.viewer]) {
      expect(
        await rejection(id.services.users.create(manager.viewer, input(undefined, { roleId, password: PASSWORD }))),
      ).toBeInstanceOf(ForbiddenError);
    }
    const lite = await id.services.users.create(
      manager.viewer,
      input(undefined, { roleId: liteRole, password: PASSWORD }),
    );
    expect(lite).toMatchObject({ role_id: liteRole, organization_id: orgA, is_superuser: false });
    const same = await id.services.users.create(
      manager.viewer,
      input(undefined, { roleId: managerRole, password: PASSWORD }),
    );
    expect(same.role_id).toBe(managerRole);
  });

  it('lets a caller lower their own role but not raise it back', async () => {
    const self = await id.user({ organizationId: orgA, role: managerRole });
    await id.services.users.update(self.viewer, self.row.id, input(self.row, { roleId: liteRole }));
    const lowered = await id.viewerOf((await id.services.users.findByIds([self.row.id]))[0]!);
    expect(
      await rejection(id.services.users.update(lowered, self.row.id, input(self.row, { roleId: managerRole }))),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('lets an administrator (not a superuser) grant any role, and a superuser too', async () => {
    const created = await id.services.users.create(
      orgAdmin.viewer,
      input(undefined, { roleId: id.roles.operator, password: PASSWORD }),
    );
    expect(created.role_id).toBe(id.roles.operator);
    const other = await id.services.users.create(
      id.admin,
      input(undefined, { roleId: id.roles.administrator, password: PASSWORD }),
      orgB,
    );
    expect(other).toMatchObject({ role_id: id.roles.administrator, is_superuser: false });
  });

  it('never makes anyone a superuser: no input carries it', async () => {
    const created = await id.services.users.create(
      orgAdmin.viewer,
      input(undefined, { roleId: id.roles.administrator, password: PASSWORD, isSuperuser: true } as Partial<UserInput>),
    );
    expect((await stored(created.id)).is_superuser).toBe(false);
  });
});

describe('credentials of other users', () => {
  it("lets only a superuser set a password with user_update, the caller's own included", async () => {
    const lite = await id.user({ organizationId: orgA, role: liteRole });
    const before = (await stored(lite.row.id)).password_hash;
    for (const [caller, target] of [
      [manager.viewer, lite.row],
      [orgAdmin.viewer, lite.row],
      [manager.viewer, manager.row],
    ] as const) {
      expect(
        await rejection(id.services.users.update(caller, target.id, input(target, { password: 'taken-over-now' }))),
      ).toBeInstanceOf(ForbiddenError);
    }
    expect((await stored(lite.row.id)).password_hash).toBe(before);
    await id.services.users.update(id.admin, lite.row.id, input(lite.row, { password: 'reset-by-superuser' }));
    await expect(
      id.services.tokens.login({ username: lite.row.email, password: 'reset-by-superuser' }),
    ).resolves.toBeDefined();
  });

  it('refuses changing the e-mail or role of a user who outranks the caller (permission or administrator)', async () => {
    const viewer = await id.user({ organizationId: orgA, role: 'viewer' });
    const otherAdmin = await id.user({ organizationId: orgA, role: 'administrator' });
    const attempts: [Viewer, UserRow][] = [
      [manager.viewer, viewer.row],
      [manager.viewer, orgAdmin.row],
      [orgAdmin.viewer, otherAdmin.row],
    ];
    for (const [caller, target] of attempts) {
      const email = `${unique('thief')}@example.test`;
      expect(await rejection(id.services.users.update(caller, target.id, input(target, { email })))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(
        await rejection(id.services.users.update(caller, target.id, input(target, { roleId: liteRole }))),
      ).toBeInstanceOf(ForbiddenError);
      expect(await stored(target.id)).toMatchObject({ email: target.email, role_id: target.role_id });
    }
    // names of such a user may still be changed, e-mail and role unchanged
    expect(
      await id.services.users.update(manager.viewer, viewer.row.id, input(viewer.row, { firstName: 'Renamed' })),
    ).toMatchObject({ first_name: 'Renamed' });
  });

  it('allows changing the e-mail of a user whose permissions the caller all holds', async () => {
    const lite = await id.user({ organizationId: orgA, role: liteRole });
    const email = `${unique('moved')}@example.test`;
    expect((await id.services.users.update(manager.viewer, lite.row.id, input(lite.row, { email }))).email).toBe(email);
    const operator = await id.user({ organizationId: orgA, role: 'operator' });
    expect(
      (
        await id.services.users.update(
          orgAdmin.viewer,
          operator.row.id,
          input(operator.row, { email: `${unique('op')}@example.test` }),
        )
      ).role_id,
    ).toBe(id.roles.operator);
  });

  it("refuses deleting a user who outranks the caller; another organization's user stays not found", async () => {
    const otherAdmin = await id.user({ organizationId: orgA, role: 'administrator' });
    expect(await rejection(id.services.users.delete(manager.viewer, otherAdmin.row.id))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(id.services.users.delete(orgAdmin.viewer, otherAdmin.row.id))).toBeInstanceOf(
      ForbiddenError,
    );
    const foreign = await id.user({ organizationId: orgB, role: liteRole });
    expect(
      await rejection(id.services.users.update(manager.viewer, foreign.row.id, input(foreign.row))),
    ).toBeInstanceOf(NotFoundError);
    expect(await rejection(id.services.users.delete(manager.viewer, foreign.row.id))).toBeInstanceOf(NotFoundError);
    await id.services.users.delete(id.admin, otherAdmin.row.id);
  });
});

describe('password policy and e-mail uniqueness', () => {
  it('refuses short new passwords on create, update and change, never at sign-in', async () => {
    const short = await rejection(id.services.users.create(id.admin, input(undefined, { password: 'short7!' }), orgA));
    expect(short).toBeInstanceOf(InputValidationError);
    expect(short).toMatchObject({ field: ['input', 'password'], kind: 'too_short' });
    const lite = await id.user({ organizationId: orgA, role: liteRole });
    expect(
      (await rejection(id.services.users.update(id.admin, lite.row.id, input(lite.row, { password: 'short' })))).field,
    ).toEqual(['input', 'password']);
    expect((await rejection(id.services.users.changePassword(lite.viewer, PASSWORD, 'short'))).field).toEqual([
      'newPassword',
    ]);
    // a password set under a laxer policy still signs in
    const lax = id.servicesWith({ passwordMinLength: 4 });
    const old = await lax.users.create(id.admin, input(undefined, { password: 'abcd' }), orgA);
    await expect(id.services.tokens.login({ username: old.email, password: 'abcd' })).resolves.toBeDefined();
  });

  it('follows PASSWORD_MIN_LENGTH', async () => {
    const strict = id.servicesWith({ passwordMinLength: 12 });
    expect(
      await rejection(strict.users.create(id.admin, input(undefined, { password: 'elevenchars' }), orgA)),
    ).toBeInstanceOf(InputValidationError);
    await expect(
      strict.users.create(id.admin, input(undefined, { password: 'twelve-chars' }), orgA),
    ).resolves.toBeDefined();
  });

  it('answers a taken e-mail alike whichever organization holds it', async () => {
    const [mine, theirs] = [await id.user({ organizationId: orgA }), await id.user({ organizationId: orgB })];
    const errors = await Promise.all(
      [mine.row.email, theirs.row.email].map((email) =>
        rejection(
          id.services.users.create(
            orgAdmin.viewer,
            input(undefined, { email, password: PASSWORD, roleId: id.roles.viewer }),
          ),
        ),
      ),
    );
    for (const error of errors) expect(error).toBeInstanceOf(InvalidRequestError);
    expect(errors[0]!.message).toBe(errors[1]!.message);
    const lite = await id.user({ organizationId: orgA, role: liteRole });
    const changes = await Promise.all(
      [mine.row.email, theirs.row.email].map((email) =>
        rejection(id.services.users.changeEmail(lite.viewer, PASSWORD, email)),
      ),
    );
    expect(changes.map((e) => e.message)).toEqual([errors[0]!.message, errors[0]!.message]);
  });
});

describe('group membership', () => {
  it("keeps a caller confined to a group from widening anyone's view (themselves included)", async () => {
    const [mine, other] = [await id.group(orgA), await id.group(orgA)];
    const grouped = await id.user({ organizationId: orgA, role: 'administrator', groupId: mine.id });
    const groupOf = async (userId: number) => (await id.services.groups.groupsOfUsers([userId])).get(userId)?.id;
    const self = grouped.row;
    const forbidden = [
      () => id.services.users.update(grouped.viewer, self.id, input(self, { groupIds: [] })),
      () => id.services.users.update(grouped.viewer, self.id, input(self, { groupIds: [other.id] })),
      () => id.services.users.create(grouped.viewer, input(undefined, { password: PASSWORD, roleId: id.roles.viewer })),
      () => id.services.groups.removeMembers(grouped.viewer, mine.id, [self.id]),
    ];
    for (const attempt of forbidden) expect(await rejection(attempt)).toBeInstanceOf(ForbiddenError);
    expect(await groupOf(self.id)).toBe(mine.id);
    const inMine = await id.services.users.create(
      grouped.viewer,
      input(undefined, { password: PASSWORD, roleId: id.roles.viewer, groupIds: [mine.id] }),
    );
    expect(await groupOf(inMine.id)).toBe(mine.id);
    // an ungrouped administrator moves users freely
    await id.services.users.update(orgAdmin.viewer, inMine.id, input(inMine, { groupIds: [] }));
    expect(await groupOf(inMine.id)).toBeUndefined();
  });
});
