import { done, optionalConnection, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { ProfileInput, UserInput } from './inputs.js';
import { User, UserConnection } from './user.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  viewer: t.field({ type: User, description: 'The signed-in user', resolve: (_, __, ctx) => ctx.loaders.viewer(ctx.viewer) }),
  user: t.field({ type: User, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.users.find(ctx.viewer, id) }),
  users: t.field({
    type: UserConnection,
    args: { ...common.pageArgs(t.arg), withoutGroups: t.arg.boolean(), organizationId: t.arg.int(), query: t.arg.string({ description: 'Email, "first last" or "last first"' }) },
    resolve: async (_, a, ctx) => toConnection(a.query != null
      ? await ctx.services.users.search(ctx.viewer, { limit: a.first, cursor: a.after, withoutGroups: a.withoutGroups, organizationId: a.organizationId, query: a.query })
      : await ctx.services.users.list(ctx.viewer, { limit: a.first, cursor: a.after, withoutGroups: a.withoutGroups, organizationId: a.organizationId })),
  }),
  organizationMembers: t.field({
    type: UserConnection, nullable: true,
    args: { ...common.pageArgs(t.arg), organizationId: t.arg.int({ required: true }), withoutGroups: t.arg.boolean() },
    resolve: async (_, a, ctx) => optionalConnection(await ctx.services.users.members(ctx.viewer, { organizationId: a.organizationId }, { limit: a.first, cursor: a.after, withoutGroups: a.withoutGroups })),
  }),
  groupMembers: t.field({
    type: UserConnection, nullable: true,
    args: { ...common.pageArgs(t.arg), groupId: t.arg.int({ required: true }) },
    resolve: async (_, a, ctx) => optionalConnection(await ctx.services.users.members(ctx.viewer, { groupId: a.groupId }, { limit: a.first, cursor: a.after })),
  }),
  roleMembers: t.field({ type: [User], nullable: true, args: { roleId: t.arg.int({ required: true }) }, resolve: (_, { roleId }, ctx) => ctx.services.users.roleMembers(ctx.viewer, roleId) }),
}));

builder.mutationFields((t) => ({
  createUser: t.field({ type: User, errors, args: { input: t.arg({ type: UserInput, required: true }), organizationId: t.arg.int() }, resolve: (_, { input, organizationId }, ctx) => ctx.services.users.create(ctx.viewer, input, organizationId) }),
  updateUser: t.field({ type: User, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: UserInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.users.update(ctx.viewer, id, input) }),
  deleteUser: t.field({ type: common.Ok, errors, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.users.delete(ctx.viewer, id)) }),
  updateViewer: t.field({ type: User, errors, args: { input: t.arg({ type: ProfileInput, required: true }) }, resolve: (_, { input }, ctx) => ctx.services.users.updateMe(ctx.viewer, input) }),
  changeViewerPassword: t.field({ type: User, errors, args: { oldPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) }, resolve: (_, a, ctx) => ctx.services.users.changePassword(ctx.viewer, a.oldPassword, a.newPassword) }),
  changeViewerEmail: t.field({ type: User, errors, args: { password: t.arg.string({ required: true }), email: t.arg.string({ required: true }) }, resolve: (_, a, ctx) => ctx.services.users.changeEmail(ctx.viewer, a.password, a.email) }),
}));
