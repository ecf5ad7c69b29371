import type { SignedSegment } from '../services/recording.service.js';
import { builder } from './builder.js';

export const RecordedSegment = builder.objectRef<SignedSegment>('RecordedSegment');

RecordedSegment.implement({
  description: 'A recorded HLS segment (MPEG-TS, stream copy) with a signed URL on the stream server that holds it',
  fields: (t) => ({
    startsAt: t.field({ type: 'DateTime', description: 'Wall-clock start', resolve: (s) => s.startsAt }),
    endsAt: t.field({ type: 'DateTime', description: 'Wall-clock end', resolve: (s) => s.endsAt }),
    durationMs: t.exposeInt('durationMs'),
    url: t.exposeString('url', { description: 'Signed URL of the segment (expires and signature in its query)' }),
    signature: t.exposeString('signature', { description: 'The signature in the URL' }),
    expiresAt: t.field({ type: 'DateTime', description: 'After this the URL is refused (403)', resolve: (s) => s.expiresAt }),
  }),
});
