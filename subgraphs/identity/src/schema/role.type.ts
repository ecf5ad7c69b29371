import type { RoleRow } from '../repositories/role.repository.js';
import { builder } from './builder.js';
import { PermissionEnum } from './permission.enum.js';
import { User } from './user.type.js';

export const Role = builder.objectRef<RoleRow>('Role');

Role.implement({
  description: 'A named set of permissions, shared by every organization',
  fields: (t) => ({
    id: t.exposeInt('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    isInternal: t.exposeBoolean('is_internal'),
    permissions: t.field({ type: [PermissionEnum], resolve: async (role, _, ctx) => (await ctx.services.roles.permissions(ctx.viewer, role.id)) as never ?? [] }),
    members: t.field({ type: [User], description: "Users with this role (the caller's organization unless superuser)", resolve: async (role, _, ctx) => (await ctx.services.users.roleMembers(ctx.viewer, role.id)) ?? [] }),
  }),
});
