import { uploadContentUrl } from '@argus/core';
import type { UploadRow } from '../repositories/upload.repository.js';
import { builder } from './builder.js';
import { UploadKindEnum } from './upload-kind.enum.js';
import { UploadMeta } from './upload-meta.type.js';

export const Upload = builder.objectRef<UploadRow>('Upload');

Upload.implement({
  description: 'An uploaded file; its content is served at `url` (typed by the content itself, with ETag and byte ranges)',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: UploadKindEnum, resolve: (upload) => upload.kind }),
    mimeType: t.exposeString('mime_type', { description: 'Sniffed from the content' }),
    size: t.exposeInt('size', { description: 'In bytes' }),
    createdAt: t.field({ type: 'DateTime', resolve: (upload) => upload.created_at }),
    url: t.string({ description: 'Where the content is served', resolve: (upload) => uploadContentUrl(upload.id)! }),
    originalId: t.exposeID('original_id', { nullable: true, description: 'For one face of an image with several: the upload of the whole image' }),
    meta: t.field({ type: UploadMeta, nullable: true, description: 'For face images: the face', resolve: (upload) => upload.meta }),
  }),
});

builder.asEntity(Upload, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visibleUpload.load(String(id)),
});
