import { done, toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { PlanInput } from './inputs.js';
import { Plan, PlanConnection } from './plan.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  plan: t.field({ type: Plan, nullable: true, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.plans.find(ctx.viewer, id) }),
  plans: t.field({
    type: PlanConnection,
    args: { ...common.pageArgs(t.arg), query: t.arg.string({ description: 'Case-insensitive name inclusion' }), groupId: t.arg.int(), placeId: t.arg.int() },
    resolve: async (_, a, ctx) => toConnection(await ctx.services.plans.list(ctx.viewer, { ...a, limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  createPlan: t.field({ type: Plan, errors, args: { input: t.arg({ type: PlanInput, required: true }) }, resolve: (_, { input }, ctx) => ctx.services.plans.create(ctx.viewer, input) }),
  updatePlan: t.field({ type: Plan, errors, args: { id: t.arg.int({ required: true }), input: t.arg({ type: PlanInput, required: true }) }, resolve: (_, { id, input }, ctx) => ctx.services.plans.update(ctx.viewer, id, input) }),
  deletePlan: t.field({ type: common.Ok, errors, args: { id: t.arg.int({ required: true }) }, resolve: (_, { id }, ctx) => done(ctx.services.plans.delete(ctx.viewer, id)) }),
}));
