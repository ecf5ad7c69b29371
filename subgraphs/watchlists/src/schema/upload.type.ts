import { builder } from './builder.js';

/** The media part's Upload: face images and vehicle images are uploads (type, size, face meta live there). */
export const Upload = builder.externalRef('Upload', builder.selection<{ id: string }>('id'));

Upload.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
  }),
});
