import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { FaceList, FaceListConnection } from './face-list.type.js';
import { FaceListInput } from './inputs.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  faceList: t.field({ type: FaceList, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.faceLists.find(ctx.viewer, id) }),
  faceLists: t.field({
    type: FaceListConnection,
    description: 'Face lists by id',
    args: {
      ...common.pageArgs(t.arg),
      name: t.arg.string({ description: 'Exact name' }),
      organizationId: t.arg.int({ description: 'Only this organization\'s lists (superusers see every organization)' }),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.faceLists.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createFaceList: t.field({ type: FaceList, errors, args: { input: t.arg({ type: FaceListInput, required: true }), organizationId: t.arg.int({ description: 'Superusers only; the caller\'s organization by default' }) }, resolve: (_, a, ctx) => ctx.services.faceLists.create(ctx.viewer, a.input, a.organizationId) }),
  updateFaceList: t.field({ type: FaceList, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: FaceListInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.faceLists.update(ctx.viewer, id, input) }),
  deleteFaceList: t.field({ type: common.Ok, errors, description: 'Only an empty list can be deleted', args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.faceLists.delete(ctx.viewer, id)) }),
  addFaceListFace: t.field({
    type: common.Ok, errors,
    description: 'The face must be of the list\'s organization and not in the list yet',
    args: { faceListId: t.arg.int({ required: true }), faceId: t.arg.int({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.faceLists.addMember(ctx.viewer, a.faceListId, a.faceId)),
  }),
  removeFaceListFace: t.field({
    type: common.Ok, errors,
    args: { faceListId: t.arg.int({ required: true }), faceId: t.arg.int({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.faceLists.removeMember(ctx.viewer, a.faceListId, a.faceId)),
  }),
}));
