import type { SignedSegmentIndex } from '../services/recording.service.js';
import { builder } from './builder.js';

export const SegmentIndex = builder.objectRef<SignedSegmentIndex>('SegmentIndex');

SegmentIndex.implement({
  description: 'A signed HLS playlist (VOD) of the segments recorded over a range; its segment URIs are signed too',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Signed URL of the playlist (expires and signature in its query)' }),
    signature: t.exposeString('signature', { description: 'The signature in the URL' }),
    expiresAt: t.field({ type: 'DateTime', description: 'After this the playlist and its segments are refused (403)', resolve: (i) => i.expiresAt }),
    from: t.field({ type: 'DateTime', resolve: (i) => i.from }),
    to: t.field({ type: 'DateTime', resolve: (i) => i.to }),
  }),
});
