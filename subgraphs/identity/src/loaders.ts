import DataLoader from 'dataloader';
import { byIdLoader, mapLoader, type Viewer } from '@argus/core';
import type { GroupRow } from './repositories/group.repository.js';
import type { UserRow } from './repositories/user.repository.js';
import type { IdentityServices } from './services/index.js';
import type { OrionIntegrationView } from './services/orion-integration.service.js';

/** Per-request batch loaders: a page of users costs one query per related table, not one per user. */
export function createLoaders(services: IdentityServices) {
  const loaders = {
    organization: byIdLoader((ids: readonly number[]) => services.organizations.findByIds(ids)),
    role: byIdLoader((ids: readonly number[]) => services.roles.findByIds(ids)),
    group: byIdLoader((ids: readonly number[]) => services.groups.findByIds(ids)),
    user: byIdLoader((ids: readonly number[]) => services.users.findByIds(ids)),
    groupOfUser: mapLoader<number, GroupRow | undefined>(
      (userIds) => services.groups.groupsOfUsers(userIds),
      undefined,
    ),
    orionIntegration: mapLoader<number, OrionIntegrationView | undefined>(
      (ids) => services.orion.byOrganizations(ids),
      undefined,
    ),
    memberCount: mapLoader((groupIds: readonly number[]) => services.groups.memberCounts(groupIds), 0),
    rolePermissions: new DataLoader<number, string[]>(async (roleIds) =>
      Promise.all(roleIds.map((id) => services.roles.permissionsOfRole(id))),
    ),
  };
  let me: Promise<UserRow> | undefined;
  /**
   * The signed-in user, read once per request with their organization and group in one statement;
   * the user, organization and group loaders answer them from it for the rest of the request.
   */
  const viewer = (caller: Viewer): Promise<UserRow> =>
    (me ??= services.viewers.me(caller).then(({ user, organization, group }) => {
      loaders.user.prime(user.id, user);
      loaders.organization.prime(organization.id, organization);
      loaders.groupOfUser.prime(user.id, group);
      if (group) loaders.group.prime(group.id, group);
      return user;
    }));
  return { ...loaders, viewer };
}

export type IdentityLoaders = ReturnType<typeof createLoaders>;
