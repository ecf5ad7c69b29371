import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidRequestError, NotFoundError, type Viewer } from '@argus/core';
import { openIdentity, rejection, type Identity } from '../../test/fixtures.js';

let id: Identity;
let organizationId: number;
let otherOrganizationId: number;
let orgAdmin: Viewer;

beforeAll(async () => {
  id = await openIdentity();
  organizationId = (await id.organization()).id;
  otherOrganizationId = (await id.organization()).id;
  orgAdmin = (await id.user({ organizationId, role: 'administrator' })).viewer;
});
afterAll(() => id?.close());

const memberIds = async (viewer: Viewer, groupId: number) =>
  (await id.services.users.members(viewer, { groupId }, { limit: 100 }))?.items.map((u) => u.id);

describe('create, read, update', () => {
  it("creates a group in the caller's organization; only a superuser names another", async () => {
    const group = await id.services.groups.create(orgAdmin, { name: 'Night shift', description: 'after 22:00' });
    expect(group).toMatchObject({ organization_id: organizationId, name: 'Night shift', is_internal: false });
    expect(
      await rejection(id.services.groups.create(orgAdmin, { name: 'x', description: '' }, otherOrganizationId)),
    ).toBeInstanceOf(InvalidRequestError);
    expect(
      await rejection(id.services.groups.create(id.admin, { name: 'x', description: '' }, 999_999)),
    ).toBeInstanceOf(InvalidRequestError);
    expect(
      (await id.services.groups.create(id.admin, { name: 'y', description: '' }, otherOrganizationId)).organization_id,
    ).toBe(otherOrganizationId);
  });

  it("lists and finds only the caller's organization's groups", async () => {
    const own = await id.group(organizationId, 'Own searchable');
    const foreign = await id.group(otherOrganizationId, 'Foreign searchable');
    const listed = (await id.services.groups.list(orgAdmin, { limit: 1000 })).items;
    expect(listed.every((g) => g.organization_id === organizationId)).toBe(true);
    expect(listed.map((g) => g.id)).toContain(own.id);
    expect(
      (await id.services.groups.list(orgAdmin, { limit: 10, query: 'searchable' })).items.map((g) => g.id),
    ).toEqual([own.id]);
    expect(await id.services.groups.find(orgAdmin, foreign.id)).toBeUndefined();
    expect(await id.services.groups.find(id.admin, foreign.id)).toMatchObject({ id: foreign.id });
    expect(
      await rejection(id.services.groups.list(orgAdmin, { limit: 10, organizationId: otherOrganizationId })),
    ).toBeInstanceOf(ForbiddenError);
  });

  it("updates a group of the organization and not another's", async () => {
    const own = await id.group(organizationId);
    const foreign = await id.group(otherOrganizationId);
    expect(await id.services.groups.update(orgAdmin, own.id, { name: 'Renamed', description: 'd' })).toMatchObject({
      name: 'Renamed',
      description: 'd',
    });
    expect(
      await rejection(id.services.groups.update(orgAdmin, foreign.id, { name: 'x', description: '' })),
    ).toBeInstanceOf(NotFoundError);
  });

  it('needs group_create: a viewer is refused, and can still read', async () => {
    const { viewer } = await id.user({ organizationId, role: 'viewer' });
    expect(await rejection(id.services.groups.create(viewer, { name: 'x', description: '' }))).toBeInstanceOf(
      ForbiddenError,
    );
    await expect(id.services.groups.list(viewer, { limit: 10 })).resolves.toBeDefined();
  });
});

describe('members', () => {
  it('adds and removes members', async () => {
    const group = await id.group(organizationId);
    const a = (await id.user({ organizationId })).row;
    const b = (await id.user({ organizationId })).row;
    await id.services.groups.addMembers(orgAdmin, group.id, [a.id, b.id, a.id]);
    expect(await memberIds(orgAdmin, group.id)).toEqual([a.id, b.id]);
    expect((await id.services.groups.memberCounts([group.id])).get(group.id)).toBe(2);
    await id.services.groups.removeMembers(orgAdmin, group.id, [a.id]);
    expect(await memberIds(orgAdmin, group.id)).toEqual([b.id]);
  });

  it('refuses a user who is already in a group, this one or another, and adds nobody', async () => {
    const first = await id.group(organizationId);
    const second = await id.group(organizationId);
    const grouped = (await id.user({ organizationId, groupId: first.id })).row;
    const free = (await id.user({ organizationId })).row;
    for (const target of [first, second]) {
      const error = await rejection(id.services.groups.addMembers(orgAdmin, target.id, [free.id, grouped.id]));
      expect(error).toBeInstanceOf(InvalidRequestError);
    }
    expect(await memberIds(orgAdmin, second.id)).toEqual([]);
    expect((await id.services.groups.groupsOfUsers([free.id])).has(free.id)).toBe(false);
  });

  it('refuses users of another organization and unknown users', async () => {
    const group = await id.group(organizationId);
    const foreign = (await id.user({ organizationId: otherOrganizationId })).row;
    expect(await rejection(id.services.groups.addMembers(orgAdmin, group.id, [foreign.id]))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await rejection(id.services.groups.addMembers(id.admin, group.id, [foreign.id]))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await rejection(id.services.groups.addMembers(orgAdmin, group.id, [999_999]))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await memberIds(orgAdmin, group.id)).toEqual([]);
  });

  it("hides another organization's group and its members", async () => {
    const foreign = await id.group(otherOrganizationId);
    const own = (await id.user({ organizationId })).row;
    expect(await rejection(id.services.groups.addMembers(orgAdmin, foreign.id, [own.id]))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await rejection(id.services.groups.removeMembers(orgAdmin, foreign.id, [own.id]))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await memberIds(orgAdmin, foreign.id)).toBeUndefined();
  });

  it('needs group_user_create: an operator is refused', async () => {
    const group = await id.group(organizationId);
    const { viewer, row } = await id.user({ organizationId, role: 'operator' });
    expect(await rejection(id.services.groups.addMembers(viewer, group.id, [row.id]))).toBeInstanceOf(ForbiddenError);
  });
});

describe('delete', () => {
  it('refuses deleting a group with members, then deletes it once empty', async () => {
    const group = await id.group(organizationId);
    const member = (await id.user({ organizationId, groupId: group.id })).row;
    expect(await rejection(id.services.groups.delete(orgAdmin, group.id))).toBeInstanceOf(InvalidRequestError);
    await id.services.groups.removeMembers(orgAdmin, group.id, [member.id]);
    await id.services.groups.delete(orgAdmin, group.id);
    expect(await id.services.groups.find(orgAdmin, group.id)).toBeUndefined();
  });

  it("answers not found for another organization's group and leaves it", async () => {
    const foreign = await id.group(otherOrganizationId);
    expect(await rejection(id.services.groups.delete(orgAdmin, foreign.id))).toBeInstanceOf(NotFoundError);
    expect(await id.services.groups.find(id.admin, foreign.id)).toBeDefined();
  });
});
