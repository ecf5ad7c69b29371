import { at, fixtureBody, list, num, text } from './soap-xml.js';

export interface Range {
  min: number;
  max: number;
}
export interface PtzPosition {
  x: number;
  y: number;
  zoom: number;
}
export interface EncoderState {
  token: string;
  name: string;
  encoding: 'H264' | 'MPEG4' | 'JPEG';
  width: number;
  height: number;
  quality: number;
  frameRate: number;
  encodingInterval: number;
  bitrate: number;
  govLength: number;
  h264Profile: string;
}
export interface SimulatorUser {
  username: string;
  password: string;
  level: string;
}

/** What the device remembers; SET calls change it, GET calls read it back. Tests may change it directly. */
export interface OnvifSimulatorState {
  /** device clock = host clock + clockSkewMs (WS-Security digests are checked against it) */
  clockSkewMs: number;
  delayMs: number;
  ptz: boolean;
  users: SimulatorUser[];
  network: Record<'HTTP' | 'HTTPS' | 'RTSP', { enabled: boolean; port: number }>;
  profiles: { token: string; name: string; encoderToken: string }[];
  encoders: EncoderState[];
  imaging: {
    brightness: number;
    colorSaturation: number;
    contrast: number;
    sharpness: number;
    backlight: 'ON' | 'OFF';
    irCutFilter: 'ON' | 'OFF' | 'AUTO';
    exposure: { mode: 'AUTO' | 'MANUAL'; minExposureTime: number; maxExposureTime: number };
    wdr: { mode: 'ON' | 'OFF'; level: number };
    whiteBalance: { mode: 'AUTO' | 'MANUAL'; crGain: number; cbGain: number };
  };
  imagingOptions: {
    brightness: Range;
    colorSaturation: Range;
    contrast: Range;
    sharpness: Range;
    exposureTime: Range;
    wdrLevel: Range;
    crGain: Range;
    cbGain: Range;
  };
  /** resolutions and ranges per encoding, from the recorded GetVideoEncoderConfigurationOptions */
  encoderOptions: Record<
    string,
    { resolutions: { width: number; height: number }[]; frameRate: Range; govLength?: Range }
  >;
  bitrateRange: Range;
  ptzPosition: PtzPosition;
  ptzRange: { x: Range; y: Range; zoom: Range };
  home: PtzPosition | null;
  /** velocities of a continuous move until Stop; null when still */
  moving: PtzPosition | null;
  presets: { token: string; name: string; position: PtzPosition }[];
  nextPresetId: number;
  /** SOAP actions received, in order (after the delay, before authentication) */
  requests: string[];
}

function range(node: unknown, fallback: Range): Range {
  const min = num(at(node, 'Min'));
  const max = num(at(node, 'Max'));
  return min === undefined || max === undefined || Number.isNaN(min) || Number.isNaN(max) ? fallback : { min, max };
}

function encoderOptions(): OnvifSimulatorState['encoderOptions'] {
  const options = at(
    fixtureBody('media.GetVideoEncoderConfigurationOptions'),
    'GetVideoEncoderConfigurationOptionsResponse',
    'Options',
  );
  const result: OnvifSimulatorState['encoderOptions'] = {};
  for (const encoding of ['JPEG', 'MPEG4', 'H264']) {
    const node = at(options, encoding);
    if (!node) continue;
    const resolutions = list(at(node, 'ResolutionsAvailable')).map((r) => ({
      width: num(at(r, 'Width'))!,
      height: num(at(r, 'Height'))!,
    }));
    result[encoding] = {
      // the recorded JPEG options list no resolution: it takes the H264 ones
      resolutions,
      frameRate: range(at(node, 'FrameRateRange'), { min: 1, max: 25 }),
      govLength: at(node, 'GovLengthRange') ? range(at(node, 'GovLengthRange'), { min: 1, max: 100 }) : undefined,
    };
  }
  if (result.JPEG && result.JPEG.resolutions.length === 0) result.JPEG.resolutions = result.H264?.resolutions ?? [];
  return result;
}

/** The initial state: values of the recorded answers, plus what they lack (a sub stream, backlight, WDR, …). */
export function initialState(options: {
  username: string;
  password: string;
  ptz: boolean;
  delayMs: number;
  clockSkewMs: number;
}): OnvifSimulatorState {
  const imaging = at(fixtureBody('imaging.GetImagingSettings'), 'GetImagingSettingsResponse', 'ImagingSettings');
  const imagingOptions = at(fixtureBody('imaging.GetOptions'), 'GetOptionsResponse', 'ImagingOptions');
  const encoder = at(
    fixtureBody('media.GetVideoEncoderConfigurations'),
    'GetVideoEncoderConfigurationsResponse',
    'Configurations',
  );
  const status = at(fixtureBody('GetStatus'), 'GetStatusResponse', 'PTZStatus', 'Position');
  const node = at(fixtureBody('GetNodes'), 'GetNodesResponse', 'PTZNode', 'SupportedPTZSpaces');
  const users = list(at(fixtureBody('device.GetUsers'), 'GetUsersResponse', 'User'));
  const byte = { min: 0, max: 255 };
  const ptzRange = {
    x: range(at(node, 'AbsolutePanTiltPositionSpace', 'XRange'), { min: -1, max: 1 }),
    y: range(at(node, 'AbsolutePanTiltPositionSpace', 'YRange'), { min: -1, max: 1 }),
    zoom: range(at(node, 'AbsoluteZoomPositionSpace', 'XRange'), { min: 0, max: 1 }),
  };
  const clamp = (v: number | undefined, r: Range) => Math.min(r.max, Math.max(r.min, v ?? r.min));
  const main: EncoderState = {
    token: (at(encoder, '@_token') as string) ?? 'main',
    name: text(at(encoder, 'Name')) ?? 'Main stream encoder',
    encoding: 'H264',
    width: num(at(encoder, 'Resolution', 'Width')) ?? 1920,
    height: num(at(encoder, 'Resolution', 'Height')) ?? 1080,
    quality: num(at(encoder, 'Quality')) ?? 6,
    frameRate: num(at(encoder, 'RateControl', 'FrameRateLimit')) ?? 5,
    encodingInterval: num(at(encoder, 'RateControl', 'EncodingInterval')) ?? 1,
    bitrate: num(at(encoder, 'RateControl', 'BitrateLimit')) ?? 512,
    govLength: num(at(encoder, 'H264', 'GovLength')) ?? 30,
    h264Profile: text(at(encoder, 'H264', 'H264Profile')) ?? 'High',
  };
  return {
    clockSkewMs: options.clockSkewMs,
    delayMs: options.delayMs,
    ptz: options.ptz,
    users: [
      { username: options.username, password: options.password, level: 'Administrator' },
      ...users
        .map((u) => ({
          username: text(at(u, 'Username'))!,
          password: text(at(u, 'Password'))!,
          level: text(at(u, 'UserLevel'))!,
        }))
        .filter((u) => u.username !== options.username),
    ],
    network: {
      HTTP: { enabled: true, port: 80 },
      HTTPS: { enabled: false, port: 443 },
      RTSP: { enabled: true, port: 554 },
    },
    profiles: [
      { token: 'main', name: 'main', encoderToken: main.token },
      { token: 'sub', name: 'sub', encoderToken: 'sub' },
    ],
    encoders: [
      main,
      { ...main, token: 'sub', name: 'Sub stream encoder', width: 1280, height: 720, bitrate: 256, frameRate: 5 },
    ],
    imaging: {
      brightness: num(at(imaging, 'Brightness')) ?? 128,
      colorSaturation: num(at(imaging, 'ColorSaturation')) ?? 128,
      contrast: num(at(imaging, 'Contrast')) ?? 128,
      sharpness: num(at(imaging, 'Sharpness')) ?? 128,
      backlight: 'OFF',
      irCutFilter: 'AUTO',
      exposure: { mode: 'AUTO', minExposureTime: 10, maxExposureTime: 33_333 },
      wdr: { mode: 'OFF', level: 50 },
      whiteBalance: { mode: 'AUTO', crGain: 128, cbGain: 128 },
    },
    imagingOptions: {
      brightness: range(at(imagingOptions, 'Brightness'), byte),
      colorSaturation: range(at(imagingOptions, 'ColorSaturation'), byte),
      contrast: range(at(imagingOptions, 'Contrast'), byte),
      sharpness: range(at(imagingOptions, 'Sharpness'), byte),
      exposureTime: { min: 10, max: 40_000 },
      wdrLevel: { min: 0, max: 100 },
      crGain: byte,
      cbGain: byte,
    },
    encoderOptions: encoderOptions(),
    bitrateRange: { min: 64, max: 8192 },
    ptzPosition: {
      x: clamp(num(at(status, 'PanTilt', '@_x')), ptzRange.x),
      y: clamp(num(at(status, 'PanTilt', '@_y')), ptzRange.y),
      zoom: clamp(num(at(status, 'Zoom', '@_x')), ptzRange.zoom),
    },
    ptzRange,
    home: null,
    moving: null,
    presets: [],
    nextPresetId: 1,
    requests: [],
  };
}
