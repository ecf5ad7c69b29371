import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { PlateInput } from './inputs.js';
import { Plate, PlateConnection } from './plate.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  plate: t.field({ type: Plate, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.plates.find(ctx.viewer, id) }),
  plates: t.field({
    type: PlateConnection,
    description: 'Plates by id',
    args: {
      ...common.pageArgs(t.arg),
      number: t.arg.string({ description: 'A plate number, matched ignoring case, spaces and dashes' }),
      organizationId: t.arg.int({ description: 'Only this organization\'s plates (superusers see every organization)' }),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.plates.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createPlate: t.field({ type: Plate, errors, args: { input: t.arg({ type: PlateInput, required: true }), organizationId: t.arg.int({ description: 'Superusers only; the caller\'s organization by default' }) }, resolve: (_, a, ctx) => ctx.services.plates.create(ctx.viewer, a.input, a.organizationId) }),
  updatePlate: t.field({ type: Plate, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: PlateInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.plates.update(ctx.viewer, id, input) }),
  deletePlate: t.field({ type: common.Ok, errors, description: 'Takes it out of every list', args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.plates.delete(ctx.viewer, id)) }),
}));
