/**
 * The ONVIF contract between the media subgraph and a media engine (stream server).
 *
 * One operation per ONVIF operation of the API (named by its operationId in schema/openapi.yaml) plus
 * `discover` (WS-Discovery). Arguments and results are the spec's models in camelCase; the media
 * subgraph maps them to GraphQL, the REST facade to snake_case.
 *
 * Wire: `POST <engine>/internal/onvif/<operation>?body_sha256=<hex>&expires=<s>&signature=<sig>`,
 * signed with the `engine-internal` key (recording/signed-url.ts) over path + query, the query
 * carrying the SHA-256 of the exact JSON body `{ cameraId, args }`. Answer 200 `{ result }`, or an
 * error status with `{ error: { code, message } }` (see ONVIF_ERROR_STATUS).
 */

export interface OnvifRange {
  minVal: number;
  maxVal: number;
}

/** `{ status: 'ok' }`: the answer of every update operation (REST `{ "status": "ok" }`). */
export interface OnvifOk {
  status: 'ok';
}

export type NoArgs = Record<string, never>;

// getOnvifCameraInfo
export interface OnvifCameraInfo {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

// getOnvifNetwork / updateOnvifNetwork (the device's network protocols: HTTP, HTTPS, RTSP)
export interface OnvifProtocol {
  port: number;
  enabled: boolean;
}
export interface OnvifNetwork {
  http?: OnvifProtocol;
  https?: OnvifProtocol;
  rtsp?: OnvifProtocol;
}
/** New ports (1–65535); a protocol left out keeps its setting. At least one is required. */
export interface OnvifNetworkUpdate {
  http?: number;
  https?: number;
  rtsp?: number;
}

// listOnvifUsers / updateOnvifUserPassword
export interface OnvifUser {
  userName: string;
  /** ONVIF UserLevel: Administrator, Operator, User, Anonymous, Extended */
  userLevel: string;
}
export interface OnvifUsers {
  users: OnvifUser[];
}
/** The password is write-only: never returned, never logged. 1–16 characters (spec). */
export interface OnvifUserPasswordUpdate {
  username: string;
  password: string;
}

// listOnvifStreams / updateOnvifStreamEncoder
export type OnvifEncoding = 'H264' | 'MPEG4' | 'JPEG';
export type OnvifStreamProfile = 'MAIN_STREAM' | 'SUB_STREAM_1' | 'SUB_STREAM_2';
/** `<width>x<height>`; the spec's enum lists 320x240 … 2688x1520, devices may report others. */
export type OnvifResolution = string;

export interface OnvifSupportedEncoder {
  name: OnvifEncoding;
  supportedResolutions: { width: number; height: number }[];
  framerateRange: OnvifRange;
  bitrateRange: OnvifRange;
  govLengthRange?: OnvifRange;
}
export interface OnvifStream {
  /** the media profile's name */
  name: string;
  /** the RTSP stream URI (GetStreamUri, RTP-Unicast over RTSP) */
  link: string;
  currentEncoder: OnvifEncoding;
  currentResolution: OnvifResolution;
  currentFramerate: number;
  /** kbit/s */
  currentBitrate: number;
  currentGovLength?: number;
  supportedEncoders: OnvifSupportedEncoder[];
  /** extra (not in REST): the profile's position as the encoder update names it, and its token */
  streamProfile?: OnvifStreamProfile;
  profileToken: string;
}
export interface OnvifStreams {
  streams: OnvifStream[];
}
/** MAIN_STREAM = the first media profile, SUB_STREAM_1 the second, SUB_STREAM_2 the third. */
export interface OnvifEncoderUpdate {
  streamProfile: OnvifStreamProfile;
  encoder: OnvifEncoding;
  resolution: OnvifResolution;
  framerate: number;
  bitrate: number;
  govLength?: number;
}

// getOnvifImage and its nine updates
export type OnOff = 'ON' | 'OFF';
export type IrCutFilterMode = 'ON' | 'OFF' | 'AUTO';
export type WhiteBalanceMode = 'AUTO' | 'MANUAL';

export interface OnvifRangedValue {
  currentValue: number;
  supportedRange: OnvifRange;
}
export interface OnvifImage {
  brightness?: OnvifRangedValue;
  colorSaturation?: OnvifRangedValue;
  contrast?: OnvifRangedValue;
  sharpness?: OnvifRangedValue;
  backlightCompensation?: { currentMode: OnOff; supportedModes: OnOff[] };
  irCutFilter?: { currentMode: IrCutFilterMode; supportedModes: IrCutFilterMode[] };
  /** exposure time in µs: current = [MinExposureTime, MaxExposureTime], supported = the device's limits */
  exposure?: { currentRange: OnvifRange; supportedRange: OnvifRange };
  whiteBalance?: {
    currentMode: WhiteBalanceMode;
    currentCrGainValue: number;
    currentCbGainValue: number;
    supportedModes: WhiteBalanceMode[];
    supportedRange: { crGain: OnvifRange; cbGain: OnvifRange };
  };
  wideDynamicRange?: { currentMode: OnOff; currentValue: number; supportedModes: OnOff[]; supportedRange: OnvifRange };
}
/** brightness, contrast, saturation, sharpness: within the device's range (else onvif_invalid_argument) */
export interface OnvifImageValue {
  value: number;
}
/** exposure: the longest exposure time in µs (MaxExposureTime), within the device's range */
export type OnvifExposureUpdate = OnvifImageValue;
export interface OnvifBacklightUpdate {
  mode: OnOff;
}
export interface OnvifIrCutFilterUpdate {
  mode: IrCutFilterMode;
}
/** at least one of mode and value */
export interface OnvifWideDynamicRangeUpdate {
  mode?: OnOff;
  value?: number;
}
/** at least one field; gains within the device's ranges */
export interface OnvifWhiteBalanceUpdate {
  mode?: WhiteBalanceMode;
  crGain?: number;
  cbGain?: number;
}

// getOnvifPtz / updateOnvifPtz / home and presets
export interface OnvifXY {
  x: number;
  y: number;
}
export interface OnvifPtz {
  panTilt: {
    currentPosition?: OnvifXY;
    defaultSpeedRange?: OnvifXY;
    supportedRange: { x?: OnvifRange; y?: OnvifRange };
  };
  zoom: {
    defaultSpeedValue?: number;
    supportedRange?: { x?: OnvifRange; y?: OnvifRange };
    /** extra (not in REST): the current zoom position */
    currentPosition?: number;
  };
  maxNumOfPresets: number;
  homeSupported: boolean;
}
export type PtzDirection = 'UP' | 'DOWN' | 'LEFT' | 'LEFT_UP' | 'LEFT_DOWN' | 'RIGHT' | 'RIGHT_UP' | 'RIGHT_DOWN';
/**
 * A relative move: `step` (integer 1–10) tenths of the device's range per axis moved; at least one
 * of move and zoom.
 */
export interface OnvifPtzMove {
  move?: PtzDirection;
  zoom?: 'ZOOM_IN' | 'ZOOM_OUT';
  step: number;
}
/** extra (not in REST): a position within the device's absolute ranges; at least one axis */
export interface OnvifPtzAbsoluteMove {
  x?: number;
  y?: number;
  zoom?: number;
}
/** extra (not in REST): velocities within the device's velocity ranges (−1…1), until stopped or timeoutMs */
export interface OnvifPtzContinuousMove {
  x?: number;
  y?: number;
  zoom?: number;
  /** 100–60000 ms; default: the device's */
  timeoutMs?: number;
}
/** extra (not in REST): which movements to stop (default both) */
export interface OnvifPtzStop {
  panTilt?: boolean;
  zoom?: boolean;
}
export interface OnvifPtzPresets {
  /** preset names in the device's order (duplicates kept) */
  presets: string[];
}
/** 1–64 characters; delete/apply of a name the device does not have is onvif_invalid_argument */
export interface OnvifPresetName {
  presetName: string;
}

// discover (WS-Discovery probe from the engine's host)
export interface OnvifDiscoverArgs {
  /** how long to listen for answers, 100–10000 ms (default 3000) */
  timeoutMs?: number;
  /** network interface to probe on (e.g. 'lo'); default: the default route */
  device?: string;
}
export interface OnvifDiscoveredDevice {
  /** the device's endpoint reference (urn:uuid:…) */
  urn: string;
  /** device service addresses (http://host:port/onvif/device_service) */
  xaddrs: string[];
  scopes: string[];
  types: string[];
  /** from the onvif://www.onvif.org/name/… and …/hardware/… scopes, when present */
  name?: string;
  hardware?: string;
  /** host of the first xaddr */
  host?: string;
  port?: number;
}
export interface OnvifDiscovery {
  devices: OnvifDiscoveredDevice[];
}

/** Every operation: its arguments and its result. */
export interface OnvifOperations {
  getOnvifCameraInfo: { args: NoArgs; result: OnvifCameraInfo };
  getOnvifNetwork: { args: NoArgs; result: OnvifNetwork };
  updateOnvifNetwork: { args: OnvifNetworkUpdate; result: OnvifOk };
  listOnvifUsers: { args: NoArgs; result: OnvifUsers };
  updateOnvifUserPassword: { args: OnvifUserPasswordUpdate; result: OnvifOk };
  listOnvifStreams: { args: NoArgs; result: OnvifStreams };
  updateOnvifStreamEncoder: { args: OnvifEncoderUpdate; result: OnvifOk };
  getOnvifImage: { args: NoArgs; result: OnvifImage };
  updateOnvifImageBrightness: { args: OnvifImageValue; result: OnvifOk };
  updateOnvifImageContrast: { args: OnvifImageValue; result: OnvifOk };
  updateOnvifImageSaturation: { args: OnvifImageValue; result: OnvifOk };
  updateOnvifImageSharpness: { args: OnvifImageValue; result: OnvifOk };
  updateOnvifImageBacklight: { args: OnvifBacklightUpdate; result: OnvifOk };
  updateOnvifImageIrCutFilter: { args: OnvifIrCutFilterUpdate; result: OnvifOk };
  updateOnvifImageExposure: { args: OnvifExposureUpdate; result: OnvifOk };
  updateOnvifImageWideDynamicRange: { args: OnvifWideDynamicRangeUpdate; result: OnvifOk };
  updateOnvifImageWhiteBalance: { args: OnvifWhiteBalanceUpdate; result: OnvifOk };
  getOnvifPtz: { args: NoArgs; result: OnvifPtz };
  updateOnvifPtz: { args: OnvifPtzMove; result: OnvifOk };
  saveOnvifPtzHome: { args: NoArgs; result: OnvifOk };
  applyOnvifPtzHome: { args: NoArgs; result: OnvifOk };
  listOnvifPtzPresets: { args: NoArgs; result: OnvifPtzPresets };
  createOnvifPtzPreset: { args: OnvifPresetName; result: OnvifOk };
  deleteOnvifPtzPreset: { args: OnvifPresetName; result: OnvifOk };
  applyOnvifPtzPreset: { args: OnvifPresetName; result: OnvifOk };
  /** extras for the GraphQL API (no REST operation) */
  moveOnvifPtzAbsolute: { args: OnvifPtzAbsoluteMove; result: OnvifOk };
  moveOnvifPtzContinuous: { args: OnvifPtzContinuousMove; result: OnvifOk };
  stopOnvifPtz: { args: OnvifPtzStop; result: OnvifOk };
}

/** The camera operations (everything but discover). */
export type OnvifOperation = keyof OnvifOperations;
export type OnvifArgs<Op extends OnvifOperation> = OnvifOperations[Op]['args'];
export type OnvifResult<Op extends OnvifOperation> = OnvifOperations[Op]['result'];

export const ONVIF_OPERATIONS = [
  'getOnvifCameraInfo',
  'getOnvifNetwork',
  'updateOnvifNetwork',
  'listOnvifUsers',
  'updateOnvifUserPassword',
  'listOnvifStreams',
  'updateOnvifStreamEncoder',
  'getOnvifImage',
  'updateOnvifImageBrightness',
  'updateOnvifImageContrast',
  'updateOnvifImageSaturation',
  'updateOnvifImageSharpness',
  'updateOnvifImageBacklight',
  'updateOnvifImageIrCutFilter',
  'updateOnvifImageExposure',
  'updateOnvifImageWideDynamicRange',
  'updateOnvifImageWhiteBalance',
  'getOnvifPtz',
  'updateOnvifPtz',
  'saveOnvifPtzHome',
  'applyOnvifPtzHome',
  'listOnvifPtzPresets',
  'createOnvifPtzPreset',
  'deleteOnvifPtzPreset',
  'applyOnvifPtzPreset',
  'moveOnvifPtzAbsolute',
  'moveOnvifPtzContinuous',
  'stopOnvifPtz',
] as const satisfies readonly OnvifOperation[];

export const DISCOVER_OPERATION = 'discover';

/**
 * Error codes and the HTTP status the engine answers them with. The first six are the contract's;
 * `invalid_request` (body not matching the operation's arguments), `unauthorized` (bad signature)
 * and `internal_error` are the caller's or the engine's faults.
 */
export const ONVIF_ERROR_STATUS = {
  onvif_not_configured: 400,
  onvif_unauthenticated: 400,
  onvif_unsupported_action: 400,
  onvif_invalid_argument: 400,
  temporarily_unavailable: 503,
  not_found: 404,
  invalid_request: 400,
  unauthorized: 403,
  internal_error: 500,
} as const;
export type OnvifErrorCode = keyof typeof ONVIF_ERROR_STATUS;

export interface OnvifErrorBody {
  error: { code: OnvifErrorCode; message: string };
}
export interface OnvifCallBody<Args = unknown> {
  /** absent for discover */
  cameraId?: string;
  args: Args;
}
