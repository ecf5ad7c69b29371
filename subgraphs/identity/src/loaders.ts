import DataLoader from 'dataloader';
import type { GroupRow } from './repositories/group.repository.js';
import type { OrganizationRow } from './repositories/organization.repository.js';
import type { RoleRow } from './repositories/role.repository.js';
import type { UserRow } from './repositories/user.repository.js';
import type { IdentityServices } from './services/index.js';

function byId<T extends { id: number }>(load: (ids: readonly number[]) => Promise<T[]>): DataLoader<number, T | undefined> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });
}

/** Per-request batch loaders: a page of users costs one query per related table, not one per user. */
export function createLoaders(services: IdentityServices) {
  return {
    organization: byId<OrganizationRow>((ids) => services.organizations.findByIds(ids)),
    role: byId<RoleRow>((ids) => services.roles.findByIds(ids)),
    group: byId<GroupRow>((ids) => services.groups.findByIds(ids)),
    user: byId<UserRow>((ids) => services.users.findByIds(ids)),
    groupOfUser: new DataLoader<number, GroupRow | undefined>(async (userIds) => {
      const groups = await services.groups.groupsOfUsers(userIds);
      return userIds.map((id) => groups.get(id));
    }),
    memberCount: new DataLoader<number, number>(async (groupIds) => {
      const counts = await services.groups.memberCounts(groupIds);
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
    rolePermissions: new DataLoader<number, string[]>(async (roleIds) => Promise.all(roleIds.map((id) => services.roles.permissionsOfRole(id)))),
  };
}

export type IdentityLoaders = ReturnType<typeof createLoaders>;
