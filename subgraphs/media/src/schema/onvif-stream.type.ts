import type { OnvifRange as Range, OnvifStream as Stream, OnvifSupportedEncoder } from '@argus/media-engine/client';
import { builder } from './builder.js';
import { OnvifEncoderEnum, OnvifStreamProfileEnum } from './onvif-enums.js';

/** A camera's media profiles with their encoders. */
export const OnvifRange = builder.objectRef<Range>('OnvifRange').implement({
  fields: (t) => ({ minVal: t.exposeFloat('minVal'), maxVal: t.exposeFloat('maxVal') }),
});

export const OnvifResolution = builder.objectRef<{ width: number; height: number }>('OnvifResolution').implement({
  fields: (t) => ({ width: t.exposeInt('width'), height: t.exposeInt('height') }),
});

export const OnvifSupportedEncoderRef = builder.objectRef<OnvifSupportedEncoder>('OnvifSupportedEncoder').implement({
  fields: (t) => ({
    name: t.field({ type: OnvifEncoderEnum, resolve: (e) => e.name }),
    supportedResolutions: t.field({ type: [OnvifResolution], resolve: (e) => e.supportedResolutions }),
    framerateRange: t.field({ type: OnvifRange, resolve: (e) => e.framerateRange }),
    bitrateRange: t.field({ type: OnvifRange, description: 'kbit/s', resolve: (e) => e.bitrateRange }),
    govLengthRange: t.field({ type: OnvifRange, nullable: true, resolve: (e) => e.govLengthRange }),
  }),
});

export const OnvifStream = builder.objectRef<Stream>('OnvifStream').implement({
  description: 'A media profile of the device and its video encoder',
  fields: (t) => ({
    name: t.exposeString('name'),
    link: t.exposeString('link', { description: 'Its RTSP URI' }),
    streamProfile: t.field({
      type: OnvifStreamProfileEnum,
      nullable: true,
      description: 'How encoder updates name it',
      resolve: (s) => s.streamProfile,
    }),
    currentEncoder: t.field({ type: OnvifEncoderEnum, resolve: (s) => s.currentEncoder }),
    currentResolution: t.field({ type: OnvifResolution, resolve: (s) => resolutionOf(s.currentResolution) }),
    currentFramerate: t.exposeInt('currentFramerate'),
    currentBitrate: t.exposeInt('currentBitrate', { description: 'kbit/s' }),
    currentGovLength: t.int({ nullable: true, resolve: (s) => s.currentGovLength }),
    supportedEncoders: t.field({ type: [OnvifSupportedEncoderRef], resolve: (s) => s.supportedEncoders }),
  }),
});

/** `1280x720` → {width, height} */
export function resolutionOf(value: string): { width: number; height: number } {
  const [width, height] = value.split('x').map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}
