import type { SimulatorContext } from './simulator-context.js';
import type { PtzPosition, Range } from './simulator-state.js';
import {
  actionNotSupported,
  at,
  envelope,
  escapeXml,
  fixture,
  invalidArg,
  num,
  SoapFault,
  text,
  type XmlNode,
} from './soap-xml.js';

const MAX_PRESETS = 360;

function statusXml(ctx: SimulatorContext): string {
  const p = ctx.state.ptzPosition;
  return fixture('GetStatus')
    .replace(/(<tt:PanTilt [^>]*?)y="[^"]*" x="[^"]*"/, `$1y="${p.y}" x="${p.x}"`)
    .replace(/(<tt:Zoom [^>]*?)x="[^"]*"/, `$1x="${p.zoom}"`)
    .replace(
      /<tt:UtcTime>[^<]*<\/tt:UtcTime>/,
      `<tt:UtcTime>${new Date(Date.now() + ctx.state.clockSkewMs).toISOString()}</tt:UtcTime>`,
    );
}

function positionXml(p: PtzPosition): string {
  return `<tt:PTZPosition><tt:PanTilt x="${p.x}" y="${p.y}"/><tt:Zoom x="${p.zoom}"/></tt:PTZPosition>`;
}

function presetsXml(ctx: SimulatorContext): string {
  const items = ctx.state.presets.map(
    (p) =>
      `<tptz:Preset token="${escapeXml(p.token)}">` +
      `<tt:Name>${escapeXml(p.name)}</tt:Name>${positionXml(p.position)}</tptz:Preset>`,
  );
  return envelope(`<tptz:GetPresetsResponse>${items.join('')}</tptz:GetPresetsResponse>`);
}

function presetByToken(ctx: SimulatorContext, body: XmlNode) {
  const token = text(at(body, 'PresetToken'));
  const preset = ctx.state.presets.find((p) => p.token === token);
  if (!preset) throw invalidArg(`No such preset: ${token}`);
  return preset;
}

function setPreset(ctx: SimulatorContext, body: XmlNode): string {
  const name = text(at(body, 'PresetName'));
  const token = text(at(body, 'PresetToken'));
  if (token !== undefined) {
    const preset = presetByToken(ctx, body);
    preset.position = { ...ctx.state.ptzPosition };
    if (name) preset.name = name;
    return envelope(
      `<tptz:SetPresetResponse><tptz:PresetToken>${escapeXml(preset.token)}</tptz:PresetToken>` +
        `</tptz:SetPresetResponse>`,
    );
  }
  if (!name || name.length > 64) throw invalidArg('PresetName must be 1 to 64 characters');
  if (ctx.state.presets.some((p) => p.name === name)) throw invalidArg(`A preset named ${name} exists`);
  if (ctx.state.presets.length >= MAX_PRESETS)
    throw new SoapFault('TooManyPresets', 'Too many presets', 'Receiver', 500);
  const created = {
    token: `P${String(ctx.state.nextPresetId++).padStart(3, '0')}`,
    name,
    position: { ...ctx.state.ptzPosition },
  };
  ctx.state.presets.push(created);
  return envelope(
    `<tptz:SetPresetResponse><tptz:PresetToken>${created.token}</tptz:PresetToken></tptz:SetPresetResponse>`,
  );
}

function axis(value: number | undefined, range: Range, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(value) || value < range.min || value > range.max) throw invalidArg(`${name} out of range`);
  return value;
}

const clamp = (v: number, r: Range) => Math.min(r.max, Math.max(r.min, v));

function relativeMove(ctx: SimulatorContext, body: XmlNode): string {
  const unit = { min: -1, max: 1 };
  const dx = axis(num(at(body, 'Translation', 'PanTilt', '@_x')), unit, 'PanTilt x') ?? 0;
  const dy = axis(num(at(body, 'Translation', 'PanTilt', '@_y')), unit, 'PanTilt y') ?? 0;
  const dz = axis(num(at(body, 'Translation', 'Zoom', '@_x')), unit, 'Zoom x') ?? 0;
  const { ptzPosition: p, ptzRange: r } = ctx.state;
  ctx.state.ptzPosition = { x: clamp(p.x + dx, r.x), y: clamp(p.y + dy, r.y), zoom: clamp(p.zoom + dz, r.zoom) };
  return envelope('<tptz:RelativeMoveResponse/>');
}

function absoluteMove(ctx: SimulatorContext, body: XmlNode): string {
  const { ptzPosition: p, ptzRange: r } = ctx.state;
  ctx.state.ptzPosition = {
    x: axis(num(at(body, 'Position', 'PanTilt', '@_x')), r.x, 'PanTilt x') ?? p.x,
    y: axis(num(at(body, 'Position', 'PanTilt', '@_y')), r.y, 'PanTilt y') ?? p.y,
    zoom: axis(num(at(body, 'Position', 'Zoom', '@_x')), r.zoom, 'Zoom x') ?? p.zoom,
  };
  return envelope('<tptz:AbsoluteMoveResponse/>');
}

const ptz: Record<string, (ctx: SimulatorContext, body: XmlNode) => string> = {
  GetNodes: () => fixture('GetNodes'),
  GetConfigurations: () => fixture('GetConfigurations'),
  GetConfigurationOptions: () => fixture('GetConfigurationOptions'),
  GetStatus: statusXml,
  GetPresets: presetsXml,
  SetPreset: setPreset,
  RemovePreset: (ctx, body) => {
    const preset = presetByToken(ctx, body);
    ctx.state.presets = ctx.state.presets.filter((p) => p !== preset);
    return envelope('<tptz:RemovePresetResponse/>');
  },
  GotoPreset: (ctx, body) => {
    ctx.state.ptzPosition = { ...presetByToken(ctx, body).position };
    return envelope('<tptz:GotoPresetResponse/>');
  },
  GotoHomePosition: (ctx) => {
    if (ctx.state.home) ctx.state.ptzPosition = { ...ctx.state.home };
    return envelope('<tptz:GotoHomePositionResponse/>');
  },
  SetHomePosition: (ctx) => {
    ctx.state.home = { ...ctx.state.ptzPosition };
    return envelope('<tptz:SetHomePositionResponse/>');
  },
  RelativeMove: relativeMove,
  AbsoluteMove: absoluteMove,
  ContinuousMove: (ctx, body) => {
    const unit = { min: -1, max: 1 };
    ctx.state.moving = {
      x: axis(num(at(body, 'Velocity', 'PanTilt', '@_x')), unit, 'PanTilt x') ?? 0,
      y: axis(num(at(body, 'Velocity', 'PanTilt', '@_y')), unit, 'PanTilt y') ?? 0,
      zoom: axis(num(at(body, 'Velocity', 'Zoom', '@_x')), unit, 'Zoom x') ?? 0,
    };
    return envelope('<tptz:ContinuousMoveResponse/>');
  },
  Stop: (ctx) => {
    ctx.state.moving = null;
    return envelope('<tptz:StopResponse/>');
  },
};

/** PTZ actions; a device without PTZ answers each with ActionNotSupported. */
export const ptzActions: Record<string, (ctx: SimulatorContext, body: XmlNode) => string> = Object.fromEntries(
  Object.entries(ptz).map(([action, handle]) => [
    action,
    (ctx: SimulatorContext, body: XmlNode) => {
      if (!ctx.state.ptz) throw actionNotSupported(action);
      return handle(ctx, body);
    },
  ]),
);
