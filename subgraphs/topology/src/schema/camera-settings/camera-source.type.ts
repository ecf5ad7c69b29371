import type { PublicCameraSource } from '../../services/camera-settings.js';
import { builder } from '../builder.js';
import { SourceTransportEnum } from './source-transport.enum.js';

export const CameraSource = builder.objectRef<PublicCameraSource>('CameraSource').implement({
  description: "Where the camera's video comes from; the password is write-only",
  fields: (t) => ({
    url: t.exposeString('url', { description: 'rtsp:// or rtsps:// URL, without credentials' }),
    username: t.exposeString('username', { nullable: true }),
    hasPassword: t.exposeBoolean('hasPassword'),
    transport: t.field({ type: SourceTransportEnum, resolve: (source) => source.transport }),
  }),
});
