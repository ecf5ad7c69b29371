import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { Face, FaceConnection } from './face.type.js';
import { FaceInput } from './inputs.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  face: t.field({ type: Face, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.faces.find(ctx.viewer, id) }),
  faces: t.field({
    type: FaceConnection,
    description: 'Faces by id',
    args: {
      ...common.pageArgs(t.arg),
      fullName: t.arg.string({ description: 'Case-insensitive inclusion in the full name' }),
      organizationId: t.arg.int({ description: 'Only this organization\'s faces (superusers see every organization)' }),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.faces.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createFace: t.field({ type: Face, errors, args: { input: t.arg({ type: FaceInput, required: true }), organizationId: t.arg.int({ description: 'Superusers only; the caller\'s organization by default' }) }, resolve: (_, a, ctx) => ctx.services.faces.create(ctx.viewer, a.input, a.organizationId) }),
  updateFace: t.field({ type: Face, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: FaceInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.faces.update(ctx.viewer, id, input) }),
  deleteFace: t.field({ type: common.Ok, errors, description: 'Detaches its images and takes it out of every list', args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.faces.delete(ctx.viewer, id)) }),
}));
