import type {
  IrCutFilterMode,
  OnOff,
  OnvifImage,
  OnvifOk,
  OnvifRange,
  WhiteBalanceMode,
} from '../client/onvif.types.js';
import type { OnvifCamera } from './onvif-camera.js';
import { OnvifError } from './onvif-error.js';
import { optionalEnum, optionalNumber, requiredEnum, requiredNumber, withinRange, type Args } from './onvif-args.js';
import { attr, child, children, escapeXml, numberAt, rangeAt, textAt, textOf, type SoapNode } from './soap-tree.js';

const ON_OFF = ['ON', 'OFF'] as const;
const IR_MODES = ['ON', 'OFF', 'AUTO'] as const;
const WB_MODES = ['AUTO', 'MANUAL'] as const;

interface Imaging {
  source: string;
  settings: SoapNode;
  options: SoapNode;
}

/** The first profile's video source, its settings and its options (GetOptions: the valid ranges). */
async function imaging(camera: OnvifCamera): Promise<Imaging> {
  if (!camera.has('imaging')) throw new OnvifError('onvif_unsupported_action', 'The camera has no imaging service');
  const profiles = children(await camera.request('media', 'GetProfiles'), 'Profiles');
  let source = profiles.map((p) => textAt(p, 'VideoSourceConfiguration', 'SourceToken')).find(Boolean);
  if (!source) source = attr(child(await camera.request('media', 'GetVideoSources'), 'VideoSources'), 'token');
  if (!source) throw new OnvifError('onvif_unsupported_action', 'The camera has no video source');
  const token = `<VideoSourceToken>${escapeXml(source)}</VideoSourceToken>`;
  const settings = child(await camera.request('imaging', 'GetImagingSettings', token), 'ImagingSettings');
  const options = child(await camera.request('imaging', 'GetOptions', token), 'ImagingOptions');
  return { source, settings, options };
}

function modes<T extends string>(nodes: SoapNode[], allowed: readonly T[]): T[] {
  return nodes
    .map((n) => textOf(n)?.toUpperCase())
    .filter((m): m is T => (allowed as readonly string[]).includes(m ?? ''));
}

function mode<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  const upper = value?.toUpperCase();
  return (allowed as readonly string[]).includes(upper ?? '') ? (upper as T) : undefined;
}

function ranged(
  settings: SoapNode,
  options: SoapNode,
  name: string,
): { currentValue: number; supportedRange: OnvifRange } | undefined {
  const currentValue = numberAt(settings, name);
  const supportedRange = rangeAt(options, name);
  return currentValue === undefined || !supportedRange ? undefined : { currentValue, supportedRange };
}

function exposureRange(options: SoapNode): OnvifRange | undefined {
  const min = rangeAt(options, 'Exposure', 'MinExposureTime');
  const max = rangeAt(options, 'Exposure', 'MaxExposureTime');
  if (!min && !max) return undefined;
  return {
    minVal: Math.min(min?.minVal ?? Infinity, max?.minVal ?? Infinity),
    maxVal: Math.max(min?.maxVal ?? -Infinity, max?.maxVal ?? -Infinity),
  };
}

function gainRanges(options: SoapNode) {
  return { crGain: rangeAt(options, 'WhiteBalance', 'YrGain'), cbGain: rangeAt(options, 'WhiteBalance', 'YbGain') };
}

export async function getImage(camera: OnvifCamera): Promise<OnvifImage> {
  const { settings: s, options: o } = await imaging(camera);
  const image: OnvifImage = {};
  const brightness = ranged(s, o, 'Brightness');
  const colorSaturation = ranged(s, o, 'ColorSaturation');
  const contrast = ranged(s, o, 'Contrast');
  const sharpness = ranged(s, o, 'Sharpness');
  if (brightness) image.brightness = brightness;
  if (colorSaturation) image.colorSaturation = colorSaturation;
  if (contrast) image.contrast = contrast;
  if (sharpness) image.sharpness = sharpness;
  const backlight = mode(textAt(s, 'BacklightCompensation', 'Mode'), ON_OFF);
  if (backlight)
    image.backlightCompensation = {
      currentMode: backlight,
      supportedModes: modes(children(child(o, 'BacklightCompensation'), 'Mode'), ON_OFF),
    };
  const ir = mode(textAt(s, 'IrCutFilter'), IR_MODES);
  if (ir) image.irCutFilter = { currentMode: ir, supportedModes: modes(children(o, 'IrCutFilterModes'), IR_MODES) };
  const exposure = exposureRange(o);
  const minTime = numberAt(s, 'Exposure', 'MinExposureTime');
  const maxTime = numberAt(s, 'Exposure', 'MaxExposureTime');
  if (exposure && minTime !== undefined && maxTime !== undefined) {
    image.exposure = { currentRange: { minVal: minTime, maxVal: maxTime }, supportedRange: exposure };
  }
  const wb = mode(textAt(s, 'WhiteBalance', 'Mode'), WB_MODES);
  const gains = gainRanges(o);
  if (wb && gains.crGain && gains.cbGain) {
    image.whiteBalance = {
      currentMode: wb,
      currentCrGainValue: numberAt(s, 'WhiteBalance', 'CrGain') ?? gains.crGain.minVal,
      currentCbGainValue: numberAt(s, 'WhiteBalance', 'CbGain') ?? gains.cbGain.minVal,
      supportedModes: modes(children(child(o, 'WhiteBalance'), 'Mode'), WB_MODES),
      supportedRange: { crGain: gains.crGain, cbGain: gains.cbGain },
    };
  }
  const wdr = mode(textAt(s, 'WideDynamicRange', 'Mode'), ON_OFF);
  const wdrLevel = rangeAt(o, 'WideDynamicRange', 'Level');
  if (wdr && wdrLevel) {
    image.wideDynamicRange = {
      currentMode: wdr,
      currentValue: numberAt(s, 'WideDynamicRange', 'Level') ?? wdrLevel.minVal,
      supportedModes: modes(children(child(o, 'WideDynamicRange'), 'Mode'), ON_OFF),
      supportedRange: wdrLevel,
    };
  }
  return image;
}

async function setSettings(camera: OnvifCamera, source: string, inner: string): Promise<OnvifOk> {
  await camera.request(
    'imaging',
    'SetImagingSettings',
    `<VideoSourceToken>${escapeXml(source)}</VideoSourceToken><ImagingSettings>${inner}</ImagingSettings>` +
      `<ForcePersistence>true</ForcePersistence>`,
  );
  return { status: 'ok' };
}

/** `<tt:name>value</tt:name>`, or nothing without a value. */
function optional(name: string, value: number | undefined): string {
  return value === undefined ? '' : `<tt:${name}>${value}</tt:${name}>`;
}

function requireMode<T extends string>(name: string, value: T, supported: T[]): T {
  if (!supported.includes(value))
    throw new OnvifError('onvif_invalid_argument', `The camera does not offer ${name} ${value}`);
  return value;
}

/** Brightness, ColorSaturation, Contrast or Sharpness (0 included), within the device's range. */
export function updateValue(element: 'Brightness' | 'ColorSaturation' | 'Contrast' | 'Sharpness') {
  return async (camera: OnvifCamera, args: Args): Promise<OnvifOk> => {
    const value = requiredNumber(args, 'value');
    const { source, options } = await imaging(camera);
    withinRange(element, value, rangeAt(options, element));
    return setSettings(camera, source, `<tt:${element}>${value}</tt:${element}>`);
  };
}

export async function updateBacklight(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const value = requiredEnum<OnOff>(args, 'mode', ON_OFF);
  const { source, options } = await imaging(camera);
  const supported = modes(children(child(options, 'BacklightCompensation'), 'Mode'), ON_OFF);
  if (supported.length === 0)
    throw new OnvifError('onvif_unsupported_action', 'The camera offers no backlight compensation');
  requireMode('backlight compensation', value, supported);
  return setSettings(
    camera,
    source,
    `<tt:BacklightCompensation><tt:Mode>${value}</tt:Mode></tt:BacklightCompensation>`,
  );
}

export async function updateIrCutFilter(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const value = requiredEnum<IrCutFilterMode>(args, 'mode', IR_MODES);
  const { source, options } = await imaging(camera);
  const supported = modes(children(options, 'IrCutFilterModes'), IR_MODES);
  if (supported.length === 0) throw new OnvifError('onvif_unsupported_action', 'The camera offers no IR cut filter');
  requireMode('IR cut filter', value, supported);
  return setSettings(camera, source, `<tt:IrCutFilter>${value}</tt:IrCutFilter>`);
}

/** The longest exposure time (µs); the exposure mode is kept. */
export async function updateExposure(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const value = requiredNumber(args, 'value');
  const { source, settings, options } = await imaging(camera);
  withinRange('exposure', value, rangeAt(options, 'Exposure', 'MaxExposureTime') ?? exposureRange(options));
  const minTime = numberAt(settings, 'Exposure', 'MinExposureTime');
  if (minTime !== undefined && value < minTime)
    throw new OnvifError('onvif_invalid_argument', `exposure must be at least ${minTime}`);
  const current = mode(textAt(settings, 'Exposure', 'Mode'), WB_MODES) ?? 'AUTO';
  return setSettings(
    camera,
    source,
    `<tt:Exposure><tt:Mode>${current}</tt:Mode><tt:MaxExposureTime>${value}</tt:MaxExposureTime></tt:Exposure>`,
  );
}

export async function updateWideDynamicRange(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const wanted = optionalEnum<OnOff>(args, 'mode', ON_OFF);
  const value = optionalNumber(args, 'value');
  if (wanted === undefined && value === undefined) throw new OnvifError('onvif_invalid_argument', 'Give mode or value');
  const { source, settings, options } = await imaging(camera);
  const supported = modes(children(child(options, 'WideDynamicRange'), 'Mode'), ON_OFF);
  if (supported.length === 0)
    throw new OnvifError('onvif_unsupported_action', 'The camera offers no wide dynamic range');
  const next = wanted
    ? requireMode('wide dynamic range', wanted, supported)
    : (mode(textAt(settings, 'WideDynamicRange', 'Mode'), ON_OFF) ?? 'OFF');
  if (value !== undefined) withinRange('wide dynamic range', value, rangeAt(options, 'WideDynamicRange', 'Level'));
  return setSettings(
    camera,
    source,
    `<tt:WideDynamicRange><tt:Mode>${next}</tt:Mode>${optional('Level', value)}</tt:WideDynamicRange>`,
  );
}

export async function updateWhiteBalance(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const wanted = optionalEnum<WhiteBalanceMode>(args, 'mode', WB_MODES);
  const cr = optionalNumber(args, 'crGain');
  const cb = optionalNumber(args, 'cbGain');
  if (wanted === undefined && cr === undefined && cb === undefined)
    throw new OnvifError('onvif_invalid_argument', 'Give mode, cr_gain or cb_gain');
  const { source, settings, options } = await imaging(camera);
  const supported = modes(children(child(options, 'WhiteBalance'), 'Mode'), WB_MODES);
  if (supported.length === 0)
    throw new OnvifError('onvif_unsupported_action', 'The camera offers no white balance setting');
  const next = wanted
    ? requireMode('white balance', wanted, supported)
    : (mode(textAt(settings, 'WhiteBalance', 'Mode'), WB_MODES) ?? 'AUTO');
  const gains = gainRanges(options);
  if (cr !== undefined) withinRange('cr_gain', cr, gains.crGain);
  if (cb !== undefined) withinRange('cb_gain', cb, gains.cbGain);
  return setSettings(
    camera,
    source,
    `<tt:WhiteBalance><tt:Mode>${next}</tt:Mode>` +
      `${optional('CrGain', cr)}${optional('CbGain', cb)}</tt:WhiteBalance>`,
  );
}
