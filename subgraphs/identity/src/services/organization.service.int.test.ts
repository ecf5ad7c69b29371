import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  InputValidationError,
  InvalidRequestError,
  NotFoundError,
  encodeCursor,
  type Viewer,
} from '@argus/core';
import { openIdentity, unique, rejection, type Identity } from '../../test/fixtures.js';

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

describe('reading', () => {
  it('shows a non-superuser only their own organization', async () => {
    const page = await id.services.organizations.list(orgAdmin, { limit: 100 });
    expect(page.items.map((o) => o.id)).toEqual([organizationId]);
    expect(await id.services.organizations.find(orgAdmin, organizationId)).toMatchObject({ id: organizationId });
    expect(await id.services.organizations.find(orgAdmin, otherOrganizationId)).toBeUndefined();
  });

  it('shows a superuser every organization, searchable by name', async () => {
    const name = unique('Needle Works ');
    const created = await id.organization(name);
    const all = await id.services.organizations.list(id.admin, { limit: 100 });
    expect(all.items.map((o) => o.id)).toEqual(
      expect.arrayContaining([id.internalOrganizationId, organizationId, otherOrganizationId, created.id]),
    );
    const found = await id.services.organizations.list(id.admin, { limit: 100, query: 'needle works' });
    expect(found.items.map((o) => o.id)).toEqual([created.id]);
  });

  it('pages through organizations without repeats or gaps', async () => {
    for (let i = 0; i < 21; i++) await id.organization();
    const everything = (await id.services.organizations.list(id.admin, { limit: 1000 })).items.map((o) => o.id);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await id.services.organizations.list(id.admin, { limit: 10, cursor });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(everything);
    expect(
      await rejection(id.services.organizations.list(id.admin, { limit: 10, cursor: encodeCursor(['1']) })),
    ).toBeInstanceOf(InputValidationError);
  });

  it('needs organization_read', async () => {
    const role = await id.services.roles.create(id.admin, { name: unique('no-org-read-'), description: '' });
    const { viewer } = await id.user({ organizationId, role: role.id });
    expect(await rejection(id.services.organizations.list(viewer, { limit: 10 }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(id.services.organizations.find(viewer, organizationId))).toBeInstanceOf(ForbiddenError);
  });
});

describe('writing', () => {
  it('lets only a superuser create organizations', async () => {
    expect(
      await rejection(id.services.organizations.create(orgAdmin, { name: 'Rogue', description: '' })),
    ).toBeInstanceOf(ForbiddenError);
    const created = await id.services.organizations.create(id.admin, { name: 'Acme', description: 'Anvils' });
    expect(created).toMatchObject({ name: 'Acme', description: 'Anvils', is_internal: false, logo_id: null });
  });

  it('refuses an unknown logo', async () => {
    expect(
      await rejection(id.services.organizations.create(id.admin, { name: 'Logo', description: '', logoId: 'missing' })),
    ).toBeInstanceOf(InvalidRequestError);
  });

  it('lets an administrator update their own organization but not another', async () => {
    const updated = await id.services.organizations.update(orgAdmin, organizationId, {
      name: 'Renamed',
      description: 'new',
    });
    expect(updated).toMatchObject({ id: organizationId, name: 'Renamed', description: 'new' });
    expect(
      await rejection(id.services.organizations.update(orgAdmin, otherOrganizationId, { name: 'x', description: '' })),
    ).toBeInstanceOf(NotFoundError);
    expect((await id.services.organizations.find(id.admin, otherOrganizationId))!.name).not.toBe('x');
  });

  it('refuses deleting an organization that has users or groups', async () => {
    const withUser = await id.organization();
    const { row } = await id.user({ organizationId: withUser.id });
    expect(await rejection(id.services.organizations.delete(id.admin, withUser.id))).toBeInstanceOf(
      InvalidRequestError,
    );
    await id.services.users.delete(id.admin, row.id);

    const withGroup = await id.organization();
    const group = await id.group(withGroup.id);
    expect(await rejection(id.services.organizations.delete(id.admin, withGroup.id))).toBeInstanceOf(
      InvalidRequestError,
    );
    await id.services.groups.delete(id.admin, group.id);

    await id.services.organizations.delete(id.admin, withUser.id);
    await id.services.organizations.delete(id.admin, withGroup.id);
    expect(await id.services.organizations.find(id.admin, withUser.id)).toBeUndefined();
    expect(await id.services.organizations.find(id.admin, withGroup.id)).toBeUndefined();
  });

  it('never deletes the internal organization', async () => {
    expect(await rejection(id.services.organizations.delete(id.admin, id.internalOrganizationId))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await id.services.organizations.find(id.admin, id.internalOrganizationId)).toBeDefined();
  });

  it('does not let a non-superuser delete organizations, and answers not found for unknown ones', async () => {
    const empty = await id.organization();
    expect(await rejection(id.services.organizations.delete(orgAdmin, empty.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(id.services.organizations.delete(orgAdmin, organizationId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(id.services.organizations.delete(id.admin, 999_999))).toBeInstanceOf(NotFoundError);
    expect(await id.services.organizations.find(id.admin, empty.id)).toBeDefined();
  });

  it('needs organization_update: a viewer is refused', async () => {
    const { viewer } = await id.user({ organizationId, role: 'viewer' });
    expect(
      await rejection(id.services.organizations.update(viewer, organizationId, { name: 'x', description: '' })),
    ).toBeInstanceOf(ForbiddenError);
  });
});

describe('members and groups of an organization', () => {
  it('lists them for the own organization and nothing for another', async () => {
    const scope = await id.organization();
    const { viewer, row } = await id.user({ organizationId: scope.id, role: 'administrator' });
    const group = await id.group(scope.id);
    expect(
      (await id.services.users.members(viewer, { organizationId: scope.id }, { limit: 10 }))!.items.map((u) => u.id),
    ).toEqual([row.id]);
    expect((await id.services.groups.ofOrganization(viewer, scope.id, { limit: 10 }))!.items.map((g) => g.id)).toEqual([
      group.id,
    ]);
    expect(await id.services.users.members(viewer, { organizationId }, { limit: 10 })).toBeUndefined();
    expect(await id.services.groups.ofOrganization(viewer, organizationId, { limit: 10 })).toBeUndefined();
  });
});
