import { toConnection } from '@argus/core';
import type { PlaceRow } from '../repositories/place.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { CameraConnection } from './camera.type.js';
import { Group } from './group.type.js';
import { PlanConnection } from './plan.type.js';

export const Place = builder.objectRef<PlaceRow>('Place');

Place.implement({
  description: 'A site of an organization, with its floor plans and cameras',
  fields: (t) => ({
    id: t.exposeInt('id'),
    organizationId: t.exposeInt('organization_id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    latitude: t.exposeFloat('latitude', { nullable: true }),
    longitude: t.exposeFloat('longitude', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (place) => place.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (place) => place.updated_at }),
    groupId: t.exposeInt('group_id', { nullable: true, description: 'The group the place belongs to (one at most)' }),
    group: t.field({ type: Group, nullable: true, resolve: (place) => (place.group_id === null ? null : { id: place.group_id }) }),
    planCount: t.int({ resolve: (place, _, ctx) => ctx.loaders.planCount.load(place.id) }),
    cameraCount: t.int({ resolve: (place, _, ctx) => ctx.loaders.cameraCount.load(place.id) }),
    plans: t.field({
      type: PlanConnection,
      args: common.pageArgs(t.arg),
      resolve: async (place, a, ctx) => toConnection(await ctx.loaders.plansOfPlace.load({ parent: place.id, args: { limit: a.first, cursor: a.after ?? null } })),
    }),
    cameras: t.field({
      type: CameraConnection,
      args: { ...common.pageArgs(t.arg), withoutPlans: t.arg.boolean({ description: 'Only cameras on no plan' }) },
      resolve: async (place, a, ctx) => toConnection(await ctx.loaders.camerasOfPlace.load({ parent: place.id, args: { limit: a.first, cursor: a.after ?? null, withoutPlans: a.withoutPlans ?? false } })),
    }),
  }),
});

builder.asEntity(Place, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visiblePlace.load(Number(id)),
});

export const PlaceConnection = connectionOf('PlaceConnection', () => Place);
