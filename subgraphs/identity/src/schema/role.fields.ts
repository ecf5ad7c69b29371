import { done } from '@argus/core';
import { builder, common } from './builder.js';
import { RoleInput } from './inputs.js';
import { PermissionEnum } from './permission.enum.js';
import { Role } from './role.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  role: t.field({ type: Role, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.roles.find(ctx.viewer, id) }),
  roles: t.field({ type: [Role], resolve: (_, __, ctx) => ctx.services.roles.list(ctx.viewer) }),
  rolePermissions: t.field({ type: [PermissionEnum], nullable: true, args: { roleId: t.arg.int({ required: true }) }, resolve: (_, { roleId }, ctx) => ctx.services.roles.permissions(ctx.viewer, roleId) as never }),
}));

builder.mutationFields((t) => ({
  createRole: t.field({ type: Role, errors, args: { input: t.arg({ type: RoleInput, required: true }) }, resolve: (_, { input }, ctx) => ctx.services.roles.create(ctx.viewer, input) }),
  updateRole: t.field({ type: Role, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: RoleInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.roles.update(ctx.viewer, id, input) }),
  deleteRole: t.field({ type: common.Ok, errors, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.roles.delete(ctx.viewer, id)) }),
  grantPermission: t.field({ type: common.Ok, errors, args: { roleId: t.arg.int({ required: true }), permission: t.arg({ type: PermissionEnum, required: true }) }, resolve: (_, a, ctx) => done(ctx.services.roles.grant(ctx.viewer, a.roleId, a.permission)) }),
  revokePermission: t.field({ type: common.Ok, errors, args: { roleId: t.arg.int({ required: true }), permission: t.arg({ type: PermissionEnum, required: true }) }, resolve: (_, a, ctx) => done(ctx.services.roles.revoke(ctx.viewer, a.roleId, a.permission)) }),
}));
