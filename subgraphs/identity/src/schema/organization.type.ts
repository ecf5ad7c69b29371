import { optionalConnection, uploadContentUrl, visibleReference } from '@argus/core';
import type { OrganizationRow } from '../repositories/organization.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { GroupConnection } from './group.type.js';
import { UserConnection } from './user.type.js';

export const Organization = builder.objectRef<OrganizationRow>('Organization');

Organization.implement({
  description: 'A tenant: its users, groups and everything they own',
  fields: (t) => ({
    id: t.exposeInt('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    logoId: t.exposeString('logo_id', { nullable: true }),
    logoUrl: t.string({ nullable: true, resolve: (org) => uploadContentUrl(org.logo_id) }),
    isInternal: t.exposeBoolean('is_internal'),
    members: t.field({
      type: UserConnection,
      nullable: true,
      args: { ...common.pageArgs(t.arg), withoutGroups: t.arg.boolean({ required: false }) },
      resolve: async (org, args, ctx) => optionalConnection(await ctx.services.users.members(ctx.viewer, { organizationId: org.id }, { limit: args.first, cursor: args.after, withoutGroups: args.withoutGroups })),
    }),
    groups: t.field({
      type: GroupConnection,
      nullable: true,
      args: common.pageArgs(t.arg),
      resolve: async (org, args, ctx) => optionalConnection(await ctx.services.groups.ofOrganization(ctx.viewer, org.id, { limit: args.first, cursor: args.after })),
    }),
  }),
});

/** `_entities`: only what the caller may read (permission and organization), null otherwise */
builder.asEntity(Organization, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: async ({ id }, ctx) =>
    visibleReference(ctx.viewer, 'organization_read', await ctx.loaders.organization.load(Number(id)), (o) => o.id),
});

export const OrganizationConnection = connectionOf('OrganizationConnection', () => Organization);
