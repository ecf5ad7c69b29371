import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  InputValidationError,
  InvalidRequestError,
  NotFoundError,
  encodeCursor,
  type Viewer,
} from '@argus/core';
import type { UserInput } from './user.service.js';
import { PASSWORD, openIdentity, unique, rejection, type Identity } from '../../test/fixtures.js';

let id: Identity;
let organizationId: number;
let otherOrganizationId: number;
let manager: Viewer;

beforeAll(async () => {
  id = await openIdentity();
  organizationId = (await id.organization()).id;
  otherOrganizationId = (await id.organization()).id;
  manager = (await id.user({ organizationId, role: 'administrator' })).viewer;
});
afterAll(() => id?.close());

function input(overrides: Partial<UserInput> = {}): UserInput {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `${unique('ada')}@example.test`,
    password: PASSWORD,
    groupIds: [],
    roleId: id.roles.viewer,
    ...overrides,
  };
}

const storedHash = async (userId: number) =>
  (await id.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow())
    .password_hash;

describe('create', () => {
  it("creates a user in the caller's organization with an argon2id hash that no returned row carries", async () => {
    const group = await id.group(organizationId);
    const user = await id.services.users.create(manager, input({ groupIds: [group.id] }));
    expect(user).toMatchObject({ organization_id: organizationId, role_id: id.roles.viewer, is_superuser: false });
    expect(await storedHash(user.id)).toMatch(/^\$argon2id\$/);
    expect(await storedHash(user.id)).not.toContain(PASSWORD);
    const read = [
      user,
      await id.services.users.find(manager, user.id),
      (await id.services.users.list(manager, { limit: 100 })).items[0],
    ];
    for (const row of read) expect(Object.keys(row!)).not.toContain('password_hash');
    expect((await id.services.groups.groupsOfUsers([user.id])).get(user.id)?.id).toBe(group.id);
  });

  it('refuses a duplicate email whatever its case or surrounding spaces', async () => {
    const email = `${unique('dup')}@example.test`;
    await id.services.users.create(manager, input({ email }));
    for (const again of [email.toUpperCase(), `  ${email} `]) {
      expect(await rejection(id.services.users.create(manager, input({ email: again })))).toBeInstanceOf(
        InvalidRequestError,
      );
    }
  });

  it('refuses more than one group on ["body","group_ids"]', async () => {
    const [a, b] = [await id.group(organizationId), await id.group(organizationId)];
    const error = await rejection(id.services.users.create(manager, input({ groupIds: [a.id, b.id] })));
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.field).toEqual(['input', 'groupIds']);
  });

  it("refuses unknown groups, another organization's group, unknown roles and unknown avatars", async () => {
    const foreignGroup = await id.group(otherOrganizationId);
    for (const bad of [
      { groupIds: [999_999] },
      { groupIds: [foreignGroup.id] },
      { roleId: 999_999 },
      { avatarId: 'no-such-upload' },
    ]) {
      expect(await rejection(id.services.users.create(manager, input(bad)))).toBeInstanceOf(InvalidRequestError);
    }
  });

  it('lets only a superuser name the organization', async () => {
    expect(await rejection(id.services.users.create(manager, input(), otherOrganizationId))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await rejection(id.services.users.create(manager, input(), organizationId))).toBeInstanceOf(
      InvalidRequestError,
    );
    const created = await id.services.users.create(id.admin, input(), otherOrganizationId);
    expect(created.organization_id).toBe(otherOrganizationId);
    expect(await rejection(id.services.users.create(id.admin, input(), 999_999))).toBeInstanceOf(InvalidRequestError);
  });

  it('refuses a malformed email on ["body","email"]', async () => {
    const error = await rejection(id.services.users.create(manager, input({ email: 'not-an-email' })));
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.field).toEqual(['input', 'email']);
  });

  it('needs user_create: a viewer is refused', async () => {
    const { viewer } = await id.user({ organizationId, role: 'viewer' });
    expect(await rejection(id.services.users.create(viewer, input()))).toBeInstanceOf(ForbiddenError);
  });
});

describe('update and delete', () => {
  it('updates fields and moves the user to the one given group, or out of every group', async () => {
    const [a, b] = [await id.group(organizationId), await id.group(organizationId)];
    const { row } = await id.user({ organizationId, groupId: a.id });
    const updated = await id.services.users.update(
      manager,
      row.id,
      input({ email: row.email, firstName: 'Grace', groupIds: [b.id], password: null }),
    );
    expect(updated).toMatchObject({ first_name: 'Grace', email: row.email });
    expect(Object.keys(updated)).not.toContain('password_hash');
    expect((await id.services.groups.groupsOfUsers([row.id])).get(row.id)?.id).toBe(b.id);
    await id.services.users.update(manager, row.id, input({ email: row.email, password: null }));
    expect((await id.services.groups.groupsOfUsers([row.id])).has(row.id)).toBe(false);
  });

  it("refuses another user's email and keeps the user's own", async () => {
    const { row: taken } = await id.user({ organizationId });
    const { row } = await id.user({ organizationId });
    expect(
      await rejection(
        id.services.users.update(manager, row.id, input({ email: taken.email.toUpperCase(), password: null })),
      ),
    ).toBeInstanceOf(InvalidRequestError);
    await expect(
      id.services.users.update(manager, row.id, input({ email: row.email.toUpperCase(), password: null })),
    ).resolves.toBeDefined();
  });

  it('signs the user out everywhere when a superuser sets a new password', async () => {
    const { row } = await id.user({ organizationId });
    const pair = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    await id.services.users.update(id.admin, row.id, input({ email: row.email, password: 'brand-new-password' }));
    await expect(id.services.tokens.authenticate(pair.accessToken)).rejects.toThrow();
    await expect(
      id.services.tokens.login({ username: row.email, password: 'brand-new-password' }),
    ).resolves.toBeDefined();
  });

  it("answers not found for another organization's user and refuses deleting oneself", async () => {
    const { row: foreign } = await id.user({ organizationId: otherOrganizationId });
    expect(await id.services.users.find(manager, foreign.id)).toBeUndefined();
    expect(await rejection(id.services.users.update(manager, foreign.id, input()))).toBeInstanceOf(NotFoundError);
    expect(await rejection(id.services.users.delete(manager, foreign.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(id.services.users.delete(manager, manager.userId))).toBeInstanceOf(InvalidRequestError);
  });

  it('lets only a superuser change or delete a superuser, even inside the internal organization', async () => {
    const insider = (await id.user({ organizationId: id.admin.organizationId, role: 'administrator' })).viewer;
    const superuser = id.admin.userId;
    expect(
      await rejection(id.services.users.update(insider, superuser, input({ password: 'taken-over-now' }))),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejection(id.services.users.delete(insider, superuser))).toBeInstanceOf(ForbiddenError);
    expect((await id.services.users.find(id.admin, superuser))?.is_superuser).toBe(true);
  });

  it('answers a race for one email with one user and one 400', async () => {
    const email = `${unique('race')}@example.test`;
    const results = await Promise.allSettled([
      id.services.users.create(manager, input({ email })),
      id.services.users.create(manager, input({ email })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(InvalidRequestError);
  });

  it('deletes a user of the organization', async () => {
    const { row } = await id.user({ organizationId });
    await id.services.users.delete(manager, row.id);
    expect(await id.services.users.find(manager, row.id)).toBeUndefined();
    expect(await rejection(id.services.users.delete(manager, row.id))).toBeInstanceOf(NotFoundError);
  });
});

describe('list and search', () => {
  let scope: number;
  let people: Record<'ada' | 'alan' | 'grace', number>;
  let groupId: number;
  let reader: Viewer;

  beforeAll(async () => {
    scope = (await id.organization()).id;
    groupId = (await id.group(scope)).id;
    people = {
      ada: (
        await id.user({
          organizationId: scope,
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'countess@analytical.test',
          groupId,
        })
      ).row.id,
      alan: (
        await id.user({ organizationId: scope, firstName: 'Alan', lastName: 'Turing', email: 'alan@bletchley.test' })
      ).row.id,
      grace: (
        await id.user({ organizationId: scope, firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test' })
      ).row.id,
    };
    reader = await id.viewerOf((await id.services.users.findByIds([people.alan]))[0]!);
  });

  const ids = (page: { items: { id: number }[] }) => page.items.map((u) => u.id);

  it('finds users by email, "first last" and "last first", case-insensitively', async () => {
    const search = (query: string) => id.services.users.search(reader, { query, limit: 10 }).then(ids);
    expect(await search('BLETCHLEY')).toEqual([people.alan]);
    expect(await search('ada love')).toEqual([people.ada]);
    expect(await search('Hopper Grace')).toEqual([people.grace]);
    expect(await search('Grace Lovelace')).toEqual([]);
    expect(await search('100%')).toEqual([]);
    expect(await rejection(search('a'))).toBeInstanceOf(InputValidationError);
  });

  it("lists only the caller's organization and, with without_groups, users in no group", async () => {
    expect(await id.services.users.list(reader, { limit: 10 }).then(ids)).toEqual([
      people.ada,
      people.alan,
      people.grace,
    ]);
    expect(await id.services.users.list(reader, { limit: 10, withoutGroups: true }).then(ids)).toEqual([
      people.alan,
      people.grace,
    ]);
    expect(await rejection(id.services.users.list(reader, { limit: 10, organizationId }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await id.services.users.list(id.admin, { limit: 10, organizationId: scope }).then(ids)).toEqual([
      people.ada,
      people.alan,
      people.grace,
    ]);
  });

  it('walks pages with a cursor, and refuses page sizes outside 10..1000', async () => {
    const more = await Promise.all(
      Array.from({ length: 9 }, () => id.user({ organizationId: scope }).then((u) => u.row.id)),
    );
    const first = await id.services.users.list(reader, { limit: 10 });
    const second = await id.services.users.list(reader, { limit: 10, cursor: first.nextCursor });
    expect([...ids(first), ...ids(second)]).toEqual(
      [people.ada, people.alan, people.grace, ...more].sort((a, b) => a - b),
    );
    expect(ids(first)).toHaveLength(10);
    expect(second.nextCursor).toBeUndefined();
    for (const limit of [0, 9, 1001]) {
      expect((await rejection(id.services.users.list(reader, { limit }))).field).toEqual(['first']);
    }
  });

  it('refuses a cursor that names no user id as bad input', async () => {
    for (const cursor of ['%%%', encodeCursor(['abc']), encodeCursor([1.5]), encodeCursor([1e20])]) {
      const error = await rejection(() => id.services.users.list(reader, { limit: 10, cursor }));
      expect(error).toBeInstanceOf(InputValidationError);
      expect(error.field).toEqual(['after']);
    }
  });
});

describe("the caller's own account", () => {
  it('changes the password only with the current one and signs out the other sessions', async () => {
    const { row } = await id.user({ organizationId });
    const current = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    const other = await id.services.tokens.login({ username: row.email, password: PASSWORD });
    const me = await id.services.tokens.authenticate(current.accessToken);

    expect(await rejection(id.services.users.changePassword(me, 'wrong-password', 'new-password-1'))).toBeInstanceOf(
      InvalidRequestError,
    );
    const before = await storedHash(row.id);
    const changed = await id.services.users.changePassword(me, PASSWORD, 'new-password-1');
    expect(Object.keys(changed)).not.toContain('password_hash');
    expect(await storedHash(row.id)).not.toBe(before);
    expect(await storedHash(row.id)).toMatch(/^\$argon2id\$/);

    await expect(id.services.tokens.authenticate(current.accessToken)).resolves.toMatchObject({ userId: row.id });
    await expect(id.services.tokens.authenticate(other.accessToken)).rejects.toThrow();
    await expect(id.services.tokens.refresh(null, other.refreshToken)).rejects.toMatchObject({
      status: 'token_refresh_error',
    });
    await expect(id.services.tokens.login({ username: row.email, password: PASSWORD })).rejects.toMatchObject({
      status: 'token_invalid_credentials',
    });
    await expect(id.services.tokens.login({ username: row.email, password: 'new-password-1' })).resolves.toBeDefined();
  });

  it('changes the email only with the password, and never to a taken one', async () => {
    const { row: taken } = await id.user({ organizationId });
    const { row, viewer } = await id.user({ organizationId });
    const email = `${unique('renamed')}@example.test`;
    expect(await rejection(id.services.users.changeEmail(viewer, 'wrong-password', email))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await rejection(id.services.users.changeEmail(viewer, PASSWORD, taken.email.toUpperCase()))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect((await id.services.users.changeEmail(viewer, PASSWORD, email)).email).toBe(email);
    await expect(id.services.tokens.login({ username: email, password: PASSWORD })).resolves.toBeDefined();
    await expect(id.services.tokens.login({ username: row.email, password: PASSWORD })).rejects.toThrow();
  });

  it('reads and updates the profile with the me permissions, without the hash', async () => {
    const { row, viewer } = await id.user({ organizationId });
    const me = await id.services.users.me(viewer);
    expect(me.id).toBe(row.id);
    expect(Object.keys(me)).not.toContain('password_hash');
    expect(await id.services.users.updateMe(viewer, { firstName: 'Renamed', lastName: 'Person' })).toMatchObject({
      first_name: 'Renamed',
    });
    expect(
      await rejection(id.services.users.updateMe(viewer, { firstName: 'A', lastName: 'B', avatarId: 'missing' })),
    ).toBeInstanceOf(InvalidRequestError);
  });
});
