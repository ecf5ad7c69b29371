import { done } from '@argus/core';
import { builder, common } from './builder.js';

const errors = { types: common.mutationErrors };

builder.mutationFields((t) => ({
  addGroupPlaces: t.field({
    type: common.Ok, errors,
    description: 'Each place must exist in the group\'s organization and be in no group yet',
    args: { groupId: t.arg.int({ required: true }), placeIds: t.arg.intList({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.groupPlaces.add(ctx.viewer, a.groupId, a.placeIds)),
  }),
  removeGroupPlaces: t.field({
    type: common.Ok, errors,
    args: { groupId: t.arg.int({ required: true }), placeIds: t.arg.intList({ required: true }) },
    resolve: (_, a, ctx) => done(ctx.services.groupPlaces.remove(ctx.viewer, a.groupId, a.placeIds)),
  }),
}));
