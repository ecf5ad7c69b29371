import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { Camera, CameraConnection } from './camera.type.js';
import { CameraInput } from './inputs.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  camera: t.field({ type: Camera, nullable: true, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.cameras.find(ctx.viewer, String(id)) }),
  cameras: t.field({
    type: CameraConnection,
    description: 'Cameras, oldest first',
    args: {
      ...common.pageArgs(t.arg),
      query: t.arg.string({ description: 'A camera id (that exact camera), or else case-insensitive name inclusion' }),
      placeId: t.arg.int({ description: 'Only cameras of this place (NOT_FOUND when the caller does not see it)' }),
      groupId: t.arg.int({ description: "Only cameras of this group's places (NOT_FOUND when the caller does not see the group)" }),
      withoutPlans: t.arg.boolean({ description: 'Only cameras on no plan' }),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.cameras.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createCamera: t.field({ type: Camera, errors, args: { input: t.arg({ type: CameraInput, required: true }) }, resolve: (_, { input }, ctx) => ctx.services.cameras.create(ctx.viewer, input) }),
  updateCamera: t.field({ type: Camera, errors, args: { id: t.arg.id({ required: true }), input: t.arg({ type: CameraInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.cameras.update(ctx.viewer, String(id), input) }),
  deleteCamera: t.field({ type: common.Ok, errors, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.cameras.delete(ctx.viewer, String(id))) }),
}));
