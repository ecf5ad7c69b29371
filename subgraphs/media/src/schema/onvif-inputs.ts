import { builder } from './builder.js';
import { OnvifEncoderEnum, OnvifStreamProfileEnum } from './onvif-enums.js';

/** New ports of the device's protocols; one left out keeps its port. */
export const OnvifNetworkInput = builder.inputType('OnvifNetworkInput', {
  fields: (t) => ({
    http: t.int({ description: 'HTTP port, 1–65535' }),
    https: t.int({ description: 'HTTPS port, 1–65535' }),
    rtsp: t.int({ description: 'RTSP port, 1–65535' }),
  }),
});

export const OnvifResolutionInput = builder.inputType('OnvifResolutionInput', {
  fields: (t) => ({ width: t.int({ required: true }), height: t.int({ required: true }) }),
});

/** A media profile's video encoder; the values must be among what the device offers (OnvifStream.supportedEncoders). */
export const OnvifStreamEncoderInput = builder.inputType('OnvifStreamEncoderInput', {
  fields: (t) => ({
    streamProfile: t.field({ type: OnvifStreamProfileEnum, required: true }),
    encoder: t.field({ type: OnvifEncoderEnum, required: true }),
    resolution: t.field({ type: OnvifResolutionInput, required: true }),
    framerate: t.int({ required: true }),
    bitrate: t.int({ required: true, description: 'kbit/s' }),
    govLength: t.int(),
  }),
});
