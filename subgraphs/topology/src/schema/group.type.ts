import { toConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { PlaceConnection } from './place.type.js';

/**
 * The identity part's Group, extended with its places. Counts and lists hold only what the caller sees;
 * a reference resolves only to a group identity lets the caller see (their organization's), else null.
 */
export const Group = builder.externalRef(
  'Group',
  builder.selection<{ id: number }>('id'),
  ({ id }, ctx) => ctx.loaders.visibleGroup.load(Number(id)),
);

Group.implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    placeCount: t.int({ description: 'Places of the group the caller sees', resolve: (group, _, ctx) => ctx.loaders.placeCountOfGroup.load(Number(group.id)) }),
    places: t.field({
      type: PlaceConnection,
      args: common.pageArgs(t.arg),
      resolve: async (group, a, ctx) => toConnection(await ctx.loaders.placesOfGroup.load({ parent: Number(group.id), args: { limit: a.first, cursor: a.after ?? null } })),
    }),
  }),
});
