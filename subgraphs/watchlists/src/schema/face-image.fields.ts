import { optionalConnection } from '@argus/core';
import { builder, common } from './builder.js';
import { FaceImageConnection } from './face-image.type.js';
import { Face } from './face.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  faceImages: t.field({
    type: FaceImageConnection,
    nullable: true,
    description: 'The images of a face (needs faceimage_read); null when the face does not exist',
    args: { faceId: t.arg.int({ required: true }), ...common.pageArgs(t.arg) },
    resolve: async (_, a, ctx) => optionalConnection(await ctx.services.faceImages.list(ctx.viewer, a.faceId, { limit: a.first, cursor: a.after })),
  }),
}));

builder.mutationFields((t) => ({
  addFaceImages: t.field({
    type: Face, errors,
    description: 'Attaches uploads of kind face_image: unknown ones answer NotFoundError, ones already attached to a face InvalidRequestError',
    args: { faceId: t.arg.int({ required: true }), imageIds: t.arg.idList({ required: true }) },
    resolve: (_, a, ctx) => ctx.services.faceImages.attach(ctx.viewer, a.faceId, a.imageIds.map(String)),
  }),
  removeFaceImages: t.field({
    type: Face, errors,
    description: 'Detaches uploads from the face; ids not attached to it are ignored',
    args: { faceId: t.arg.int({ required: true }), imageIds: t.arg.idList({ required: true }) },
    resolve: (_, a, ctx) => ctx.services.faceImages.detach(ctx.viewer, a.faceId, a.imageIds.map(String)),
  }),
}));
