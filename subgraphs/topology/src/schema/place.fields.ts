import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { PlaceInput } from './inputs.js';
import { Place, PlaceConnection } from './place.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  place: t.field({ type: Place, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.places.find(ctx.viewer, id) }),
  places: t.field({
    type: PlaceConnection,
    description: 'Places by id; latitude, longitude and radius (metres) together keep those within that great-circle distance',
    args: {
      ...common.pageArgs(t.arg),
      query: t.arg.string({ description: 'Case-insensitive name inclusion' }),
      withoutGroups: t.arg.boolean({ description: 'Only places in no group' }),
      groupId: t.arg.int(),
      latitude: t.arg.float(),
      longitude: t.arg.float(),
      radius: t.arg.float({ description: 'Metres' }),
    },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.places.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createPlace: t.field({ type: Place, errors, args: { input: t.arg({ type: PlaceInput, required: true }), organizationId: t.arg.int({ description: 'Superusers only; the caller\'s organization by default' }) }, resolve: (_, a, ctx) => ctx.services.places.create(ctx.viewer, a.input, a.organizationId) }),
  updatePlace: t.field({ type: Place, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: PlaceInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.places.update(ctx.viewer, id, input) }),
  deletePlace: t.field({ type: common.Ok, errors, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.places.delete(ctx.viewer, id)) }),
}));
