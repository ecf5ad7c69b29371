import { builder } from './builder.js';

/** The enums of the ONVIF types, named as the REST contract spells their values. */
export const OnvifEncoderEnum = builder.enumType('OnvifEncoder', {
  description: 'A video encoding of a camera stream',
  values: ['H264', 'MPEG4', 'JPEG'] as const,
});

export const OnvifStreamProfileEnum = builder.enumType('OnvifStreamProfile', {
  description: 'Which media profile of the device: the first, second or third',
  values: ['MAIN_STREAM', 'SUB_STREAM_1', 'SUB_STREAM_2'] as const,
});

export const OnvifSwitchEnum = builder.enumType('OnvifSwitch', {
  description: 'A setting that is on or off (backlight compensation, wide dynamic range)',
  values: ['ON', 'OFF'] as const,
});

export const OnvifIrCutFilterModeEnum = builder.enumType('OnvifIrCutFilterMode', {
  values: ['ON', 'OFF', 'AUTO'] as const,
});

export const OnvifWhiteBalanceModeEnum = builder.enumType('OnvifWhiteBalanceMode', {
  values: ['AUTO', 'MANUAL'] as const,
});

export const OnvifPtzDirectionEnum = builder.enumType('OnvifPtzDirection', {
  description: 'Where a relative pan/tilt move goes',
  values: ['UP', 'DOWN', 'LEFT', 'LEFT_UP', 'LEFT_DOWN', 'RIGHT', 'RIGHT_UP', 'RIGHT_DOWN'] as const,
});

export const OnvifZoomDirectionEnum = builder.enumType('OnvifZoomDirection', {
  values: ['ZOOM_IN', 'ZOOM_OUT'] as const,
});
