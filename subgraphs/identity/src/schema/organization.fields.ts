import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { OrganizationInput } from './inputs.js';
import { Organization, OrganizationConnection } from './organization.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  organization: t.field({ type: Organization, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.organizations.find(ctx.viewer, id) }),
  organizations: t.field({
    type: OrganizationConnection,
    args: { ...common.pageArgs(t.arg), query: t.arg.string({ description: 'Case-insensitive name inclusion' }) },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.organizations.list(ctx.viewer, { limit: a.first, cursor: a.after, query: a.query })),
  }),
}));

builder.mutationFields((t) => ({
  createOrganization: t.field({ type: Organization, errors, args: { input: t.arg({ type: OrganizationInput, required: true }) }, resolve: (_, { input }, ctx) => ctx.services.organizations.create(ctx.viewer, input) }),
  updateOrganization: t.field({ type: Organization, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: OrganizationInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.organizations.update(ctx.viewer, id, input) }),
  deleteOrganization: t.field({ type: common.Ok, errors, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.organizations.delete(ctx.viewer, id)) }),
}));
