import { toConnection, uploadContentUrl } from '@argus/core';
import type { PlanRow } from '../repositories/plan.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { PlanCameraConnection } from './plan-camera.type.js';
import { Place } from './place.type.js';

export const Plan = builder.objectRef<PlanRow>('Plan');

Plan.implement({
  description: 'A floor plan of a place: an image its cameras are positioned on',
  fields: (t) => ({
    id: t.exposeInt('id'),
    name: t.exposeString('name'),
    organizationId: t.exposeInt('organization_id'),
    placeId: t.exposeInt('place_id'),
    place: t.field({ type: Place, resolve: async (plan, _, ctx) => (await ctx.loaders.place.load(plan.place_id))! }),
    imageId: t.exposeString('image_id'),
    imageUrl: t.string({ nullable: true, resolve: (plan) => uploadContentUrl(plan.image_id) }),
    createdAt: t.field({ type: 'DateTime', resolve: (plan) => plan.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (plan) => plan.updated_at }),
    cameras: t.field({
      type: PlanCameraConnection,
      args: common.pageArgs(t.arg),
      resolve: async (plan, a, ctx) => toConnection(await ctx.loaders.camerasOfPlan.load({ parent: plan.id, args: { limit: a.first, cursor: a.after ?? null } })),
    }),
  }),
});

builder.asEntity(Plan, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visiblePlan.load(Number(id)),
});

export const PlanConnection = connectionOf('PlanConnection', () => Plan);
