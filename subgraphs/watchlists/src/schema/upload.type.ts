import { builder } from './builder.js';

/**
 * The media part's Upload: face images and vehicle images are uploads (type, size, face meta live there).
 * A reference resolves only to a face or vehicle image the caller sees, else null.
 */
export const Upload = builder.externalRef(
  'Upload',
  builder.selection<{ id: string }>('id'),
  ({ id }, ctx) => ctx.loaders.visibleUpload.load(String(id)),
);

Upload.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
  }),
});
