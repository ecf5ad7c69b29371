import { describe, expect, it } from 'vitest';
import { onvifField, onvifList, toOnvifStreamEncoderInput, toSnakeCase } from './onvif.js';

describe('ONVIF REST models', () => {
  it('renames every key to snake_case, keeps nulls and writes resolutions as WxH', () => {
    const stream = {
      __typename: 'OnvifStream',
      name: 'main',
      currentResolution: { width: 1280, height: 720 },
      currentGovLength: null,
      supportedEncoders: [
        {
          name: 'H264',
          supportedResolutions: [{ width: 640, height: 480 }],
          framerateRange: { minVal: 1, maxVal: 25 },
        },
      ],
    };
    expect(onvifList('streams')({ onvif: { streams: [stream] } })).toEqual({
      streams: [
        {
          name: 'main',
          current_resolution: '1280x720',
          current_gov_length: null,
          supported_encoders: [
            {
              name: 'H264',
              supported_resolutions: [{ width: 640, height: 480 }],
              framerate_range: { min_val: 1, max_val: 25 },
            },
          ],
        },
      ],
    });
    expect(
      onvifField('image')({
        onvif: {
          image: {
            colorSaturation: null,
            whiteBalance: { currentCrGainValue: 3, supportedRange: { crGain: { minVal: 0, maxVal: 9 } } },
          },
        },
      }),
    ).toEqual({
      color_saturation: null,
      white_balance: { current_cr_gain_value: 3, supported_range: { cr_gain: { min_val: 0, max_val: 9 } } },
    });
    expect(toSnakeCase({ maxNumOfPresets: 4, homeSupported: true })).toEqual({
      max_num_of_presets: 4,
      home_supported: true,
    });
  });

  it('reads an encoder update body into the GraphQL input', () => {
    expect(
      toOnvifStreamEncoderInput({
        stream_profile: 'SUB_STREAM_1',
        encoder: 'H264',
        resolution: '2688x1520',
        framerate: 10,
        bitrate: 512,
      }),
    ).toEqual({
      streamProfile: 'SUB_STREAM_1',
      encoder: 'H264',
      resolution: { width: 2688, height: 1520 },
      framerate: 10,
      bitrate: 512,
      govLength: null,
    });
  });
});
