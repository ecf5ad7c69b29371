import { done, optionalConnection, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { Group, GroupConnection } from './group.type.js';
import { GroupInput } from './inputs.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  group: t.field({ type: Group, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.groups.find(ctx.viewer, id) }),
  groups: t.field({
    type: GroupConnection,
    args: { ...common.pageArgs(t.arg), organizationId: t.arg.int(), query: t.arg.string({ description: 'Case-insensitive name inclusion' }) },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.groups.list(ctx.viewer, { limit: a.first, cursor: a.after, organizationId: a.organizationId, query: a.query })),
  }),
  organizationGroups: t.field({
    type: GroupConnection, nullable: true,
    args: { ...common.pageArgs(t.arg), organizationId: t.arg.int({ required: true }) },
    resolve: async (_, a, ctx) => optionalConnection(await ctx.services.groups.ofOrganization(ctx.viewer, a.organizationId, { limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createGroup: t.field({ type: Group, errors, args: { input: t.arg({ type: GroupInput, required: true }), organizationId: t.arg.int() }, resolve: (_, { input, organizationId }, ctx) => ctx.services.groups.create(ctx.viewer, input, organizationId) }),
  updateGroup: t.field({ type: Group, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: GroupInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.groups.update(ctx.viewer, id, input) }),
  deleteGroup: t.field({ type: common.Ok, errors, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.groups.delete(ctx.viewer, id)) }),
  addGroupMembers: t.field({ type: common.Ok, errors, args: { groupId: t.arg.int({ required: true }), userIds: t.arg.intList({ required: true }) }, resolve: (_, a, ctx) => done(ctx.services.groups.addMembers(ctx.viewer, a.groupId, a.userIds)) }),
  removeGroupMembers: t.field({ type: common.Ok, errors, args: { groupId: t.arg.int({ required: true }), userIds: t.arg.intList({ required: true }) }, resolve: (_, a, ctx) => done(ctx.services.groups.removeMembers(ctx.viewer, a.groupId, a.userIds)) }),
}));
