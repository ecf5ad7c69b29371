import type { FaceMeta } from '../services/face-meta.js';
import { builder } from './builder.js';
import { FaceDescriptor } from './face-descriptor.type.js';
import { FaceDetection } from './face-detection.type.js';

export const UploadMeta = builder.objectRef<FaceMeta>('UploadMeta').implement({
  description: 'The meta of one face of an image: where it is and its descriptor',
  fields: (t) => ({
    detection: t.field({ type: FaceDetection, nullable: true, resolve: (meta) => meta.detection }),
    descriptor: t.field({ type: FaceDescriptor, nullable: true, resolve: (meta) => meta.descriptor }),
  }),
});
