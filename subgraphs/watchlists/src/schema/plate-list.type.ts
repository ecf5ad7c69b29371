import { toConnection } from '@argus/core';
import type { WatchlistRow } from '../repositories/watchlist.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { PlateConnection } from './plate.type.js';
import { WatchlistPriority } from './priority.enum.js';

export const PlateList = builder.objectRef<WatchlistRow>('PlateList');

PlateList.implement({
  description: 'A named, prioritised set of plates of one organization',
  fields: (t) => ({
    id: t.exposeInt('id'),
    organizationId: t.exposeInt('organization_id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    priority: t.expose('priority', { type: WatchlistPriority, nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (list) => list.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (list) => list.updated_at }),
    plateCount: t.int({ resolve: (list, _, ctx) => ctx.loaders.plateCount.load(list.id) }),
    plates: t.field({
      type: PlateConnection,
      description: 'Plates of the list by id',
      args: common.pageArgs(t.arg),
      resolve: async (list, a, ctx) => toConnection(await ctx.loaders.platesOfPlateList.load({ parent: list.id, args: { limit: a.first, cursor: a.after ?? null } })),
    }),
  }),
});

builder.asEntity(PlateList, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visiblePlateList.load(Number(id)),
});

export const PlateListConnection = connectionOf('PlateListConnection', () => PlateList);
