import type { OnvifOk, OnvifPtz, OnvifPtzPresets, PtzDirection } from '../client/onvif.types.js';
import type { OnvifCamera } from './onvif-camera.js';
import { OnvifError } from './onvif-error.js';
import { optionalEnum, requiredNumber, requiredString, type Args } from './onvif-args.js';
import { attr, child, children, escapeXml, numberAt, numberAttr, rangeAt, textAt, type SoapNode } from './soap-tree.js';

const OK: OnvifOk = { status: 'ok' };
const DIRECTIONS = [
  'UP',
  'DOWN',
  'LEFT',
  'LEFT_UP',
  'LEFT_DOWN',
  'RIGHT',
  'RIGHT_UP',
  'RIGHT_DOWN',
] as const satisfies readonly PtzDirection[];
const ZOOMS = ['ZOOM_IN', 'ZOOM_OUT'] as const;
const VECTORS: Record<PtzDirection, [number, number]> = {
  UP: [0, 1],
  DOWN: [0, -1],
  LEFT: [-1, 0],
  RIGHT: [1, 0],
  LEFT_UP: [-1, 1],
  LEFT_DOWN: [-1, -1],
  RIGHT_UP: [1, 1],
  RIGHT_DOWN: [1, -1],
};

/** The media profile PTZ runs on (the first with a PTZ configuration) and that configuration. */
export async function ptzProfile(camera: OnvifCamera): Promise<{ token: string; config: SoapNode }> {
  if (!camera.has('ptz')) throw new OnvifError('onvif_unsupported_action', 'The camera has no PTZ service');
  const profiles = children(await camera.request('media', 'GetProfiles'), 'Profiles');
  const profile = profiles.find((p) => child(p, 'PTZConfiguration') !== undefined);
  if (!profile)
    throw new OnvifError('onvif_unsupported_action', 'No media profile of the camera has a PTZ configuration');
  return { token: attr(profile, 'token') ?? '', config: child(profile, 'PTZConfiguration') };
}

export async function ptzNode(camera: OnvifCamera, config: SoapNode): Promise<SoapNode> {
  const nodes = children(await camera.request('ptz', 'GetNodes'), 'PTZNode');
  const wanted = textAt(config, 'NodeToken');
  return nodes.find((n) => attr(n, 'token') === wanted) ?? nodes[0];
}

export const profileToken = (token: string) => `<ProfileToken>${escapeXml(token)}</ProfileToken>`;

export async function getPtz(camera: OnvifCamera): Promise<OnvifPtz> {
  const { token, config } = await ptzProfile(camera);
  const node = await ptzNode(camera, config);
  const status = child(await camera.request('ptz', 'GetStatus', profileToken(token)), 'PTZStatus');
  const spaces = child(node, 'SupportedPTZSpaces');
  const panTilt = child(status, 'Position', 'PanTilt');
  const zoom = child(status, 'Position', 'Zoom');
  const speed = child(config, 'DefaultPTZSpeed');
  const px = numberAttr(panTilt, 'x');
  const py = numberAttr(panTilt, 'y');
  const sx = numberAttr(child(speed, 'PanTilt'), 'x');
  const sy = numberAttr(child(speed, 'PanTilt'), 'y');
  const zoomSpeed = numberAttr(child(speed, 'Zoom'), 'x');
  const zoomPosition = numberAttr(zoom, 'x');
  const panRange = {
    x: rangeAt(spaces, 'AbsolutePanTiltPositionSpace', 'XRange'),
    y: rangeAt(spaces, 'AbsolutePanTiltPositionSpace', 'YRange'),
  };
  const zoomRange = rangeAt(spaces, 'AbsoluteZoomPositionSpace', 'XRange');
  return {
    panTilt: {
      ...(px !== undefined && py !== undefined ? { currentPosition: { x: px, y: py } } : {}),
      ...(sx !== undefined && sy !== undefined ? { defaultSpeedRange: { x: sx, y: sy } } : {}),
      supportedRange: { ...(panRange.x ? { x: panRange.x } : {}), ...(panRange.y ? { y: panRange.y } : {}) },
    },
    zoom: {
      ...(zoomSpeed !== undefined ? { defaultSpeedValue: zoomSpeed } : {}),
      ...(zoomRange ? { supportedRange: { x: zoomRange } } : {}),
      ...(zoomPosition !== undefined ? { currentPosition: zoomPosition } : {}),
    },
    maxNumOfPresets: Math.max(0, Math.floor(numberAt(node, 'MaximumNumberOfPresets') ?? 0)),
    homeSupported: textAt(node, 'HomeSupported') === 'true',
  };
}

/** A relative move of step/10 of the device's translation range per axis. */
export async function move(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const direction = optionalEnum(args, 'move', DIRECTIONS);
  const zoom = optionalEnum(args, 'zoom', ZOOMS);
  const step = requiredNumber(args, 'step');
  if (!Number.isInteger(step) || step < 1 || step > 10)
    throw new OnvifError('onvif_invalid_argument', 'step must be an integer from 1 to 10');
  if (!direction && !zoom) throw new OnvifError('onvif_invalid_argument', 'Give move or zoom');
  const { token, config } = await ptzProfile(camera);
  const spaces = child(await ptzNode(camera, config), 'SupportedPTZSpaces');
  const reach = (range: { minVal: number; maxVal: number } | undefined) => (range?.maxVal ?? 1) * (step / 10);
  let translation = '';
  if (direction) {
    const [dx, dy] = VECTORS[direction];
    const x = dx * reach(rangeAt(spaces, 'RelativePanTiltTranslationSpace', 'XRange'));
    const y = dy * reach(rangeAt(spaces, 'RelativePanTiltTranslationSpace', 'YRange'));
    translation += `<tt:PanTilt x="${x}" y="${y}"/>`;
  }
  if (zoom) {
    const z = (zoom === 'ZOOM_IN' ? 1 : -1) * reach(rangeAt(spaces, 'RelativeZoomTranslationSpace', 'XRange'));
    translation += `<tt:Zoom x="${z}"/>`;
  }
  await camera.request('ptz', 'RelativeMove', `${profileToken(token)}<Translation>${translation}</Translation>`);
  return OK;
}

export async function saveHome(camera: OnvifCamera): Promise<OnvifOk> {
  const { token } = await ptzProfile(camera);
  await camera.request('ptz', 'SetHomePosition', profileToken(token));
  return OK;
}

export async function applyHome(camera: OnvifCamera): Promise<OnvifOk> {
  const { token } = await ptzProfile(camera);
  await camera.request('ptz', 'GotoHomePosition', profileToken(token));
  return OK;
}

/** Presets as the device lists them: token and name (duplicate names kept). */
async function presets(camera: OnvifCamera, token: string): Promise<{ token: string; name: string }[]> {
  const r = await camera.request('ptz', 'GetPresets', profileToken(token));
  return children(r, 'Preset').map((p) => {
    const presetToken = attr(p, 'token') ?? '';
    return { token: presetToken, name: textAt(p, 'Name') || presetToken };
  });
}

export async function listPresets(camera: OnvifCamera): Promise<OnvifPtzPresets> {
  const { token } = await ptzProfile(camera);
  return { presets: (await presets(camera, token)).map((p) => p.name) };
}

export async function createPreset(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const name = requiredString(args, 'presetName', 64);
  const { token } = await ptzProfile(camera);
  await camera.request('ptz', 'SetPreset', `${profileToken(token)}<PresetName>${escapeXml(name)}</PresetName>`);
  return OK;
}

async function presetToken(camera: OnvifCamera, args: Args): Promise<{ profile: string; preset: string }> {
  const name = requiredString(args, 'presetName', 64);
  const { token } = await ptzProfile(camera);
  const preset = (await presets(camera, token)).find((p) => p.name === name);
  if (!preset) throw new OnvifError('onvif_invalid_argument', 'The camera has no preset of that name');
  return { profile: token, preset: preset.token };
}

export async function deletePreset(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const { profile, preset } = await presetToken(camera, args);
  await camera.request(
    'ptz',
    'RemovePreset',
    `${profileToken(profile)}<PresetToken>${escapeXml(preset)}</PresetToken>`,
  );
  return OK;
}

export async function applyPreset(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const { profile, preset } = await presetToken(camera, args);
  await camera.request('ptz', 'GotoPreset', `${profileToken(profile)}<PresetToken>${escapeXml(preset)}</PresetToken>`);
  return OK;
}
