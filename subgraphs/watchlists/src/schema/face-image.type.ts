import { uploadContentUrl } from '@argus/core';
import type { FaceImageRow } from '../repositories/face-image.repository.js';
import { builder, connectionOf } from './builder.js';
import { Face } from './face.type.js';
import { Upload } from './upload.type.js';

export const FaceImage = builder.objectRef<FaceImageRow>('FaceImage');

FaceImage.implement({
  description: 'An upload of kind face_image attached to a face (an upload is attached to one face at most)',
  fields: (t) => ({
    id: t.exposeID('upload_id', { description: 'The upload id' }),
    faceId: t.exposeInt('face_id'),
    face: t.field({ type: Face, resolve: async (image, _, ctx) => (await ctx.loaders.face.load(image.face_id))! }),
    url: t.string({ description: 'Where the image content is served', resolve: (image) => uploadContentUrl(image.upload_id)! }),
    attachedAt: t.field({ type: 'DateTime', resolve: (image) => image.created_at }),
    upload: t.field({ type: Upload, description: 'The upload itself: content type, size, face meta', resolve: (image) => ({ id: image.upload_id }) }),
  }),
});

export const FaceImageConnection = connectionOf('FaceImageConnection', () => FaceImage);
