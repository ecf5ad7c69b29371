import type { SimulatorContext } from './simulator-context.js';
import type { OnvifSimulatorState } from './simulator-state.js';
import { at, envelope, fixture, inRange, invalidArg, num, text, type XmlNode } from './soap-xml.js';

const mm = (r: { min: number; max: number }) => `<tt:Min>${r.min}</tt:Min><tt:Max>${r.max}</tt:Max>`;

function settingsXml(state: OnvifSimulatorState): string {
  const i = state.imaging;
  const focus = /<tt:Focus>[\s\S]*?<\/tt:Focus>/.exec(fixture('imaging.GetImagingSettings'))?.[0] ?? '';
  return (
    '<timg:GetImagingSettingsResponse><timg:ImagingSettings>' +
    `<tt:BacklightCompensation><tt:Mode>${i.backlight}</tt:Mode></tt:BacklightCompensation>` +
    `<tt:Brightness>${i.brightness}</tt:Brightness><tt:ColorSaturation>${i.colorSaturation}</tt:ColorSaturation>` +
    `<tt:Contrast>${i.contrast}</tt:Contrast>` +
    `<tt:Exposure><tt:Mode>${i.exposure.mode}</tt:Mode>` +
    `<tt:MinExposureTime>${i.exposure.minExposureTime}</tt:MinExposureTime>` +
    `<tt:MaxExposureTime>${i.exposure.maxExposureTime}</tt:MaxExposureTime></tt:Exposure>` +
    `${focus}<tt:IrCutFilter>${i.irCutFilter}</tt:IrCutFilter><tt:Sharpness>${i.sharpness}</tt:Sharpness>` +
    `<tt:WideDynamicRange><tt:Mode>${i.wdr.mode}</tt:Mode><tt:Level>${i.wdr.level}</tt:Level></tt:WideDynamicRange>` +
    `<tt:WhiteBalance><tt:Mode>${i.whiteBalance.mode}</tt:Mode><tt:CrGain>${i.whiteBalance.crGain}</tt:CrGain>` +
    `<tt:CbGain>${i.whiteBalance.cbGain}</tt:CbGain></tt:WhiteBalance>` +
    '</timg:ImagingSettings></timg:GetImagingSettingsResponse>'
  );
}

/** The recorded options (brightness, saturation, contrast) plus the rest this simulated device offers. */
function optionsXml(state: OnvifSimulatorState): string {
  const o = state.imagingOptions;
  const extra =
    '<tt:BacklightCompensation><tt:Mode>OFF</tt:Mode><tt:Mode>ON</tt:Mode></tt:BacklightCompensation>' +
    `<tt:Exposure><tt:Mode>AUTO</tt:Mode><tt:Mode>MANUAL</tt:Mode>` +
    `<tt:MinExposureTime>${mm(o.exposureTime)}</tt:MinExposureTime>` +
    `<tt:MaxExposureTime>${mm(o.exposureTime)}</tt:MaxExposureTime></tt:Exposure>` +
    ['ON', 'OFF', 'AUTO'].map((m) => `<tt:IrCutFilterModes>${m}</tt:IrCutFilterModes>`).join('') +
    `<tt:Sharpness>${mm(o.sharpness)}</tt:Sharpness>` +
    `<tt:WideDynamicRange><tt:Mode>OFF</tt:Mode><tt:Mode>ON</tt:Mode><tt:Level>${mm(o.wdrLevel)}</tt:Level>` +
    `</tt:WideDynamicRange>` +
    `<tt:WhiteBalance><tt:Mode>AUTO</tt:Mode><tt:Mode>MANUAL</tt:Mode><tt:YrGain>${mm(o.crGain)}</tt:YrGain>` +
    `<tt:YbGain>${mm(o.cbGain)}</tt:YbGain></tt:WhiteBalance>`;
  return fixture('imaging.GetOptions').replace('</timg:ImagingOptions>', `${extra}</timg:ImagingOptions>`);
}

function mode<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw invalidArg(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Validates every field given (against GetOptions) before changing any. */
function setSettings(ctx: SimulatorContext, body: XmlNode): string {
  const s = at(body, 'ImagingSettings');
  if (!s || typeof s !== 'object') throw invalidArg('ImagingSettings is required');
  const o = ctx.state.imagingOptions;
  const next = structuredClone(ctx.state.imaging);
  const value = (name: string, range: { min: number; max: number }) => {
    const n = num(at(s, name));
    return n === undefined ? undefined : inRange(name, n, range);
  };
  next.brightness = value('Brightness', o.brightness) ?? next.brightness;
  next.colorSaturation = value('ColorSaturation', o.colorSaturation) ?? next.colorSaturation;
  next.contrast = value('Contrast', o.contrast) ?? next.contrast;
  next.sharpness = value('Sharpness', o.sharpness) ?? next.sharpness;
  next.backlight =
    mode('BacklightCompensation', text(at(s, 'BacklightCompensation', 'Mode')), ['ON', 'OFF'] as const) ??
    next.backlight;
  next.irCutFilter =
    mode('IrCutFilter', text(at(s, 'IrCutFilter')), ['ON', 'OFF', 'AUTO'] as const) ?? next.irCutFilter;
  const exposure = at(s, 'Exposure');
  if (exposure) {
    next.exposure.mode =
      mode('Exposure Mode', text(at(exposure, 'Mode')), ['AUTO', 'MANUAL'] as const) ?? next.exposure.mode;
    const min = num(at(exposure, 'MinExposureTime'));
    const max = num(at(exposure, 'MaxExposureTime'));
    if (min !== undefined) next.exposure.minExposureTime = inRange('MinExposureTime', min, o.exposureTime);
    if (max !== undefined) next.exposure.maxExposureTime = inRange('MaxExposureTime', max, o.exposureTime);
    if (next.exposure.minExposureTime > next.exposure.maxExposureTime)
      throw invalidArg('MinExposureTime exceeds MaxExposureTime');
  }
  const wdr = at(s, 'WideDynamicRange');
  if (wdr) {
    next.wdr.mode = mode('WideDynamicRange Mode', text(at(wdr, 'Mode')), ['ON', 'OFF'] as const) ?? next.wdr.mode;
    const level = num(at(wdr, 'Level'));
    if (level !== undefined) next.wdr.level = inRange('WideDynamicRange Level', level, o.wdrLevel);
  }
  const wb = at(s, 'WhiteBalance');
  if (wb) {
    next.whiteBalance.mode =
      mode('WhiteBalance Mode', text(at(wb, 'Mode')), ['AUTO', 'MANUAL'] as const) ?? next.whiteBalance.mode;
    const cr = num(at(wb, 'CrGain'));
    const cb = num(at(wb, 'CbGain'));
    if (cr !== undefined) next.whiteBalance.crGain = inRange('CrGain', cr, o.crGain);
    if (cb !== undefined) next.whiteBalance.cbGain = inRange('CbGain', cb, o.cbGain);
  }
  ctx.state.imaging = next;
  return envelope('<timg:SetImagingSettingsResponse/>');
}

export const imagingActions: Record<string, (ctx: SimulatorContext, body: XmlNode) => string> = {
  GetImagingSettings: (ctx) => envelope(settingsXml(ctx.state)),
  GetOptions: (ctx) => optionsXml(ctx.state),
  SetImagingSettings: setSettings,
};
