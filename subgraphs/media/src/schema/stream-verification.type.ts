import { builder } from './builder.js';

export const StreamVerification = builder.objectRef<{ status: 'ok' }>('StreamVerification');

StreamVerification.implement({
  description: 'An RTSP link that plays video',
  fields: (t) => ({ status: t.exposeString('status', { description: 'ok' }) }),
});
