import type { StreamInfo } from '@argus/media-engine/client';
import { builder } from './builder.js';

export const StreamSourceInfo = builder.objectRef<StreamInfo>('StreamSourceInfo');

StreamSourceInfo.implement({
  description: 'What a camera\'s source sends, probed now',
  fields: (t) => ({
    frameRate: t.exposeInt('frameRate', { description: 'Frames per second, rounded' }),
    bitRate: t.exposeInt('bitRate', { description: 'Bits per second, measured over a 2 s sample' }),
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    codec: t.exposeString('codec', { description: 'ffmpeg\'s codec name: h264, hevc, mjpeg…' }),
  }),
});
