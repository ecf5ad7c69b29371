import { builder, common, FileScalar } from './builder.js';
import { fileContent } from './file-content.js';
import { UploadKindEnum } from './upload-kind.enum.js';
import { UploadMeta } from './upload-meta.type.js';
import { Upload } from './upload.type.js';

const errors = { types: common.mutationErrors };

builder.queryFields((t) => ({
  upload: t.field({ type: Upload, nullable: true, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => ctx.services.uploads.find(ctx.viewer, String(id)) }),
  uploadMeta: t.field({
    type: [UploadMeta],
    description: 'The meta of every face in an image (nothing is stored)',
    args: { file: t.arg({ type: FileScalar, required: true }) },
    resolve: (_, { file }, ctx) => ctx.services.uploads.meta(ctx.viewer, fileContent(file)),
  }),
}));

builder.mutationFields((t) => ({
  createUpload: t.field({
    type: [Upload],
    errors,
    description: 'Stores a file sent as a multipart request. The first upload is the file; for a face image with several faces one upload per face follows (originalId the first, meta that face)',
    args: { kind: t.arg({ type: UploadKindEnum, required: true }), file: t.arg({ type: FileScalar, required: true }) },
    resolve: (_, { kind, file }, ctx) => ctx.services.uploads.create(ctx.viewer, kind, fileContent(file)),
  }),
}));
