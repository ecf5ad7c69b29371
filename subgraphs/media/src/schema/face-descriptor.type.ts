import type { FaceDescriptor as FaceDescriptorValue } from '../services/face-meta.js';
import { builder } from './builder.js';

export const FaceDescriptor = builder.objectRef<FaceDescriptorValue>('FaceDescriptor').implement({
  description: 'The descriptor of a face: faces of one person have descriptors of high cosine similarity',
  fields: (t) => ({
    data: t.exposeString('data', { description: 'Base64 of the L2-normalised little-endian float32 vector' }),
    norm: t.exposeFloat('norm', { description: 'The norm of the vector before normalising' }),
    version: t.string({ nullable: true, description: 'The model that produced it; descriptors of different versions are not comparable', resolve: (d) => d.version ?? null }),
  }),
});
