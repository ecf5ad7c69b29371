import { toConnection } from '@argus/core';
import type { WatchlistRow } from '../repositories/watchlist.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { FaceConnection } from './face.type.js';
import { WatchlistPriority } from './priority.enum.js';

export const FaceList = builder.objectRef<WatchlistRow>('FaceList');

FaceList.implement({
  description: 'A named, prioritised set of faces of one organization',
  fields: (t) => ({
    id: t.exposeInt('id'),
    organizationId: t.exposeInt('organization_id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    priority: t.expose('priority', { type: WatchlistPriority, nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (list) => list.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (list) => list.updated_at }),
    faceCount: t.int({ resolve: (list, _, ctx) => ctx.loaders.faceCount.load(list.id) }),
    faces: t.field({
      type: FaceConnection,
      description: 'Faces of the list by id',
      args: common.pageArgs(t.arg),
      resolve: async (list, a, ctx) => toConnection(await ctx.loaders.facesOfFaceList.load({ parent: list.id, args: { limit: a.first, cursor: a.after ?? null } })),
    }),
  }),
});

builder.asEntity(FaceList, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visibleFaceList.load(Number(id)),
});

export const FaceListConnection = connectionOf('FaceListConnection', () => FaceList);
