import type { OnvifOk, OnvifRange } from '../client/onvif.types.js';
import type { OnvifCamera } from './onvif-camera.js';
import { OnvifError } from './onvif-error.js';
import { optionalNumber, withinRange, type Args } from './onvif-args.js';
import { profileToken, ptzNode, ptzProfile } from './ptz-operations.js';
import { child, numberAttr, rangeAt, type SoapNode } from './soap-tree.js';

/** Absolute, continuous moves and stop: the PTZ service's own moves, beyond the REST step move. */
const OK: OnvifOk = { status: 'ok' };

function axes(args: Args): { x?: number; y?: number; zoom?: number } {
  const x = optionalNumber(args, 'x');
  const y = optionalNumber(args, 'y');
  const zoom = optionalNumber(args, 'zoom');
  if (x === undefined && y === undefined && zoom === undefined) {
    throw new OnvifError('onvif_invalid_argument', 'Give x, y or zoom');
  }
  return { x, y, zoom };
}

function checked(name: string, value: number | undefined, range: OnvifRange | undefined): number | undefined {
  return value === undefined ? undefined : withinRange(name, value, range ?? { minVal: -1, maxVal: 1 });
}

function vector(spaces: SoapNode, prefix: 'AbsolutePanTiltPosition' | 'ContinuousPanTiltVelocity') {
  return { x: rangeAt(spaces, `${prefix}Space`, 'XRange'), y: rangeAt(spaces, `${prefix}Space`, 'YRange') };
}

/** Moves to a position; an axis left out keeps its current value (pan and tilt are sent together). */
export async function moveAbsolute(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const wanted = axes(args);
  const { token, config } = await ptzProfile(camera);
  const spaces = child(await ptzNode(camera, config), 'SupportedPTZSpaces');
  const ranges = vector(spaces, 'AbsolutePanTiltPosition');
  const x = checked('x', wanted.x, ranges.x);
  const y = checked('y', wanted.y, ranges.y);
  const zoom = checked('zoom', wanted.zoom, rangeAt(spaces, 'AbsoluteZoomPositionSpace', 'XRange'));
  let panTilt = '';
  if (x !== undefined || y !== undefined) {
    const status = child(
      await camera.request('ptz', 'GetStatus', profileToken(token)),
      'PTZStatus',
      'Position',
      'PanTilt',
    );
    panTilt = `<tt:PanTilt x="${x ?? numberAttr(status, 'x') ?? 0}" y="${y ?? numberAttr(status, 'y') ?? 0}"/>`;
  }
  const zoomXml = zoom === undefined ? '' : `<tt:Zoom x="${zoom}"/>`;
  await camera.request('ptz', 'AbsoluteMove', `${profileToken(token)}<Position>${panTilt}${zoomXml}</Position>`);
  return OK;
}

/** Moves at the given velocities until stopped (or until timeoutMs). */
export async function moveContinuous(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const wanted = axes(args);
  const timeoutMs = optionalNumber(args, 'timeoutMs');
  if (timeoutMs !== undefined && (timeoutMs < 100 || timeoutMs > 60_000)) {
    throw new OnvifError('onvif_invalid_argument', 'timeoutMs must be 100–60000');
  }
  const { token, config } = await ptzProfile(camera);
  const spaces = child(await ptzNode(camera, config), 'SupportedPTZSpaces');
  const ranges = vector(spaces, 'ContinuousPanTiltVelocity');
  const x = checked('x', wanted.x, ranges.x);
  const y = checked('y', wanted.y, ranges.y);
  const zoom = checked('zoom', wanted.zoom, rangeAt(spaces, 'ContinuousZoomVelocitySpace', 'XRange'));
  const panTilt = x !== undefined || y !== undefined ? `<tt:PanTilt x="${x ?? 0}" y="${y ?? 0}"/>` : '';
  const zoomXml = zoom === undefined ? '' : `<tt:Zoom x="${zoom}"/>`;
  const timeout = timeoutMs === undefined ? '' : `<Timeout>PT${timeoutMs / 1000}S</Timeout>`;
  await camera.request(
    'ptz',
    'ContinuousMove',
    `${profileToken(token)}<Velocity>${panTilt}${zoomXml}</Velocity>${timeout}`,
  );
  return OK;
}

export async function stop(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const flag = (name: string) => {
    const value = args[name];
    if (value !== undefined && typeof value !== 'boolean')
      throw new OnvifError('invalid_request', `${name} must be a boolean`);
    return value !== false;
  };
  const { token } = await ptzProfile(camera);
  await camera.request(
    'ptz',
    'Stop',
    `${profileToken(token)}<PanTilt>${flag('panTilt')}</PanTilt><Zoom>${flag('zoom')}</Zoom>`,
  );
  return OK;
}
