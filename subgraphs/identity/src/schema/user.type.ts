import { PERMISSIONS, uploadContentUrl, visibleReference } from '@argus/core';
import type { UserRow } from '../repositories/user.repository.js';
import { builder, connectionOf } from './builder.js';
import { Group } from './group.type.js';
import { Organization } from './organization.type.js';
import { PermissionEnum } from './permission.enum.js';
import { Role } from './role.type.js';

export const User = builder.objectRef<UserRow>('User');

User.implement({
  description: 'A person who signs in to Argus',
  fields: (t) => ({
    id: t.exposeInt('id'),
    email: t.exposeString('email'),
    firstName: t.exposeString('first_name'),
    lastName: t.exposeString('last_name'),
    avatarId: t.exposeString('avatar_id', { nullable: true }),
    avatarUrl: t.string({ nullable: true, resolve: (user) => uploadContentUrl(user.avatar_id) }),
    isSuperuser: t.exposeBoolean('is_superuser'),
    roleId: t.exposeInt('role_id'),
    organizationId: t.exposeInt('organization_id'),
    role: t.field({ type: Role, resolve: async (user, _, ctx) => (await ctx.loaders.role.load(user.role_id))! }),
    organization: t.field({ type: Organization, resolve: async (user, _, ctx) => (await ctx.loaders.organization.load(user.organization_id))! }),
    groups: t.field({ type: [Group], description: 'The group the user belongs to (a user is in one group at most)', resolve: async (user, _, ctx) => [await ctx.loaders.groupOfUser.load(user.id)].filter((g) => g !== undefined) }),
    permissions: t.field({
      type: [PermissionEnum],
      description: "What the user may do: the role's permissions (every permission for a superuser)",
      resolve: async (user, _, ctx) => {
        const viewer = ctx.viewer;
        if (user.is_superuser) return [...PERMISSIONS];
        // the caller's own permissions came with the token check
        if (user.id === viewer.userId) return [...viewer.permissions];
        return (await ctx.loaders.rolePermissions.load(user.role_id)) as (typeof PERMISSIONS)[number][];
      },
    }),
  }),
});

/** `_entities`: only what the caller may read (permission and organization), null otherwise */
builder.asEntity(User, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: async ({ id }, ctx) =>
    visibleReference(ctx.viewer, 'user_read', await ctx.loaders.user.load(Number(id)), (u) => u.organization_id),
});

export const UserConnection = connectionOf('UserConnection', () => User);
