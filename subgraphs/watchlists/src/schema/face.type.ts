import { toConnection } from '@argus/core';
import type { FaceRow } from '../repositories/face.repository.js';
import { builder, common, connectionOf } from './builder.js';
import { FaceImageConnection } from './face-image.type.js';
import { Sex } from './sex.enum.js';

export const Face = builder.objectRef<FaceRow>('Face');

Face.implement({
  description: 'A person to recognise, with the images their descriptors come from',
  fields: (t) => ({
    id: t.exposeInt('id'),
    organizationId: t.exposeInt('organization_id'),
    fullName: t.exposeString('full_name', { nullable: true }),
    sex: t.expose('sex', { type: Sex, nullable: true }),
    birthDate: t.exposeString('birth_date', { nullable: true, description: 'YYYY-MM-DD' }),
    documentNumber: t.exposeString('document_number', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (face) => face.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (face) => face.updated_at }),
    images: t.field({
      type: FaceImageConnection,
      description: 'Images in the order they were attached',
      args: common.pageArgs(t.arg),
      resolve: async (face, a, ctx) => toConnection(await ctx.loaders.imagesOfFace.load({ parent: face.id, args: { limit: a.first, cursor: a.after ?? null } })),
    }),
  }),
});

builder.asEntity(Face, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visibleFace.load(Number(id)),
});

export const FaceConnection = connectionOf('FaceConnection', () => Face);
