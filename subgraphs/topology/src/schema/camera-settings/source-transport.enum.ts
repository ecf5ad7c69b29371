import { builder } from '../builder.js';

export const SourceTransportEnum = builder.enumType('SourceTransport', {
  description: 'How RTSP media is carried: interleaved over TCP, over UDP, or whatever the camera offers first',
  values: { TCP: { value: 'tcp' }, UDP: { value: 'udp' }, AUTO: { value: 'auto' } } as const,
});
