import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { PlateList, PlateListConnection } from './plate-list.type.js';
import { PlateListInput } from './inputs.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  plateList: t.field({ type: PlateList, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.plateLists.find(ctx.viewer, id) }),
  plateLists: t.field({
    type: PlateListConnection,
    description: 'Plate lists by id',
    args: {
      ...common.pageArgs(t.arg),
      name: t.arg.string({ description: 'Exact name' }),
      organizationId: t.arg.int({ description: 'Only this organization\'s lists (superusers see every organization)' }),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.plateLists.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createPlateList: t.field({ type: PlateList, errors, args: { input: t.arg({ type: PlateListInput, required: true }), organizationId: t.arg.int({ description: 'Superusers only; the caller\'s organization by default' }) }, resolve: (_, a, ctx) => ctx.services.plateLists.create(ctx.viewer, a.input, a.organizationId) }),
  updatePlateList: t.field({ type: PlateList, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: PlateListInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.plateLists.update(ctx.viewer, id, input) }),
  deletePlateList: t.field({ type: common.Ok, errors, description: 'Only an empty list can be deleted', args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.plateLists.delete(ctx.viewer, id)) }),
  addPlateListPlate: t.field({
    type: common.Ok, errors,
    description: 'The plate must be of the list\'s organization and not in the list yet',
    args: { plateListId: t.arg.int({ required: true }), plateId: t.arg.int({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.plateLists.addMember(ctx.viewer, a.plateListId, a.plateId)),
  }),
  removePlateListPlate: t.field({
    type: common.Ok, errors,
    args: { plateListId: t.arg.int({ required: true }), plateId: t.arg.int({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.plateLists.removeMember(ctx.viewer, a.plateListId, a.plateId)),
  }),
}));
