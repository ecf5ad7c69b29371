import type { OnvifCameraInfo, OnvifNetwork, OnvifOk, OnvifUsers } from '../client/onvif.types.js';
import type { OnvifCamera } from './onvif-camera.js';
import { OnvifError } from './onvif-error.js';
import { optionalNumber, requiredString, type Args } from './onvif-args.js';
import { children, escapeXml, numberAt, textAt, type SoapNode } from './soap-tree.js';

const OK: OnvifOk = { status: 'ok' };
const PROTOCOLS = { HTTP: 'http', HTTPS: 'https', RTSP: 'rtsp' } as const;

export async function getCameraInfo(camera: OnvifCamera): Promise<OnvifCameraInfo> {
  const r = await camera.request('device', 'GetDeviceInformation');
  return {
    manufacturer: textAt(r, 'Manufacturer') ?? '',
    model: textAt(r, 'Model') ?? '',
    firmwareVersion: textAt(r, 'FirmwareVersion') ?? '',
    serialNumber: textAt(r, 'SerialNumber') ?? '',
    hardwareId: textAt(r, 'HardwareId') ?? '',
  };
}

async function protocols(camera: OnvifCamera): Promise<SoapNode[]> {
  return children(await camera.request('device', 'GetNetworkProtocols'), 'NetworkProtocols');
}

export async function getNetwork(camera: OnvifCamera): Promise<OnvifNetwork> {
  const result: OnvifNetwork = {};
  for (const p of await protocols(camera)) {
    const key = PROTOCOLS[textAt(p, 'Name')?.toUpperCase() as keyof typeof PROTOCOLS];
    const port = numberAt(p, 'Port');
    if (key && port !== undefined && !result[key]) result[key] = { port, enabled: textAt(p, 'Enabled') === 'true' };
  }
  return result;
}

/** New ports for the protocols given; each keeps whether it is enabled. */
export async function updateNetwork(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const ports = {
    HTTP: optionalNumber(args, 'http'),
    HTTPS: optionalNumber(args, 'https'),
    RTSP: optionalNumber(args, 'rtsp'),
  };
  const given = Object.entries(ports).filter((e): e is [keyof typeof PROTOCOLS, number] => e[1] !== undefined);
  if (given.length === 0) throw new OnvifError('onvif_invalid_argument', 'Give at least one of http, https, rtsp');
  for (const [name, port] of given) {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new OnvifError('onvif_invalid_argument', `${name} port must be 1–65535`);
  }
  const current = await protocols(camera);
  const items = given.map(([name, port]) => {
    const existing = current.find((p) => textAt(p, 'Name')?.toUpperCase() === name);
    if (!existing) throw new OnvifError('onvif_invalid_argument', `The camera has no ${name} protocol setting`);
    return (
      `<NetworkProtocols><tt:Name>${name}</tt:Name><tt:Enabled>${textAt(existing, 'Enabled') === 'true'}</tt:Enabled>` +
      `<tt:Port>${port}</tt:Port></NetworkProtocols>`
    );
  });
  await camera.request('device', 'SetNetworkProtocols', items.join(''));
  return OK;
}

export async function listUsers(camera: OnvifCamera): Promise<OnvifUsers> {
  const r = await camera.request('device', 'GetUsers');
  return {
    users: children(r, 'User').map((u) => ({
      userName: textAt(u, 'Username') ?? '',
      userLevel: textAt(u, 'UserLevel') ?? '',
    })),
  };
}

/** Sets a user's password (kept at its level). The password is sent to the camera only. */
export async function updateUserPassword(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const username = requiredString(args, 'username', 64);
  const password = requiredString(args, 'password', 16);
  const users = children(await camera.request('device', 'GetUsers'), 'User');
  const user = users.find((u) => textAt(u, 'Username') === username);
  if (!user) throw new OnvifError('onvif_invalid_argument', 'The camera has no such user');
  const level = textAt(user, 'UserLevel') || 'User';
  await camera.request(
    'device',
    'SetUser',
    `<User><tt:Username>${escapeXml(username)}</tt:Username><tt:Password>${escapeXml(password)}</tt:Password>` +
      `<tt:UserLevel>${escapeXml(level)}</tt:UserLevel></User>`,
  );
  return OK;
}
