import type { OnvifSimulator } from './onvif-simulator/index.js';
import { expectSpec, type TestStack } from './stack.js';

/** Cameras of simulated ONVIF devices for end-to-end tests. */

/** A camera's ONVIF settings pointing at a simulated device, with its login. */
export const onvifSettings = (device: OnvifSimulator) => ({
  onvif_host: device.host,
  onvif_port: device.port,
  onvif_login: device.username,
  onvif_password: device.password,
});

/**
 * POST /cameras: a camera in a place whose stream goes nowhere, controlled over ONVIF on `device`
 * (without one: a camera with no ONVIF settings). Answers its id.
 */
export async function createOnvifCamera(
  stack: TestStack,
  token: string,
  placeId: number,
  device?: OnvifSimulator,
): Promise<string> {
  const res = await stack.rest('POST', '/cameras', {
    token,
    json: {
      name: stack.unique('Onvif '),
      place_id: placeId,
      source: { url: 'rtsp://127.0.0.1:9/none' },
      ...(device ? onvifSettings(device) : {}),
    },
  });
  expectSpec(res, 200);
  return res.body.id;
}

/** The audit action type of each kind of change to a device (REST 8.x, the ONVIF mutations). */
export const ONVIF_CHANGE_ACTIONS = [
  'onvif_network_update',
  'onvif_stream_update',
  'onvif_image_update',
  'onvif_ptz_update',
  'onvif_ptz_home_save',
  'onvif_ptz_home_apply',
  'onvif_ptz_preset_create',
  'onvif_ptz_preset_apply',
  'onvif_ptz_preset_delete',
] as const;
