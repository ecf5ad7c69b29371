import { optionalConnection, visibleReference } from '@argus/core';
import type { GroupRow } from '../repositories/group.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { Organization } from './organization.type.js';
import { UserConnection } from './user.type.js';

export const Group = builder.objectRef<GroupRow>('Group');

Group.implement({
  description: 'Users of an organization who share access to a set of places',
  fields: (t) => ({
    id: t.exposeInt('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    isInternal: t.exposeBoolean('is_internal'),
    organizationId: t.exposeInt('organization_id'),
    organization: t.field({ type: Organization, resolve: async (group, _, ctx) => (await ctx.loaders.organization.load(group.organization_id))! }),
    userCount: t.int({ resolve: (group, _, ctx) => ctx.loaders.memberCount.load(group.id) }),
    members: t.field({
      type: UserConnection,
      nullable: true,
      args: common.pageArgs(t.arg),
      resolve: async (group, args, ctx) => optionalConnection(await ctx.services.users.members(ctx.viewer, { groupId: group.id }, { limit: args.first, cursor: args.after })),
    }),
  }),
});

/** `_entities`: only what the caller may read (permission and organization), null otherwise */
builder.asEntity(Group, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: async ({ id }, ctx) =>
    visibleReference(ctx.viewer, 'group_read', await ctx.loaders.group.load(Number(id)), (g) => g.organization_id),
});

export const GroupConnection = connectionOf('GroupConnection', () => Group);
