import { onvifField, onvifList, onvifOk, toOnvifStreamEncoderInput, toRestOnvifDiscovery } from '../models/onvif.js';
import type { OperationId, RestRequestOf } from '../graphql/types.js';
import type { OperationSpec, OperationSpecs, RestRequest } from './operation.js';

const NOT_FOUND = 'Camera not found';

/** A read: `camera(id) { onvif { <field> } }`; an invisible camera is null there (404). */
const read = (toRest: OperationSpec['toRest']): OperationSpec => ({
  field: 'camera',
  variables: (r) => ({ id: r.params.camera_id }),
  notFound: NOT_FOUND,
  toRest,
});

/**
 * A change: a mutation answering Ok or a typed error (400 with the ONVIF status, 404). The runner
 * calls `variables` with operation `Id`'s validated request only.
 */
const change = <Id extends OperationId>(
  field: string,
  variables: (r: RestRequestOf<Id>) => Record<string, unknown> = () => ({}),
): OperationSpec => ({
  field,
  variables: (r: RestRequest) => ({ cameraId: r.params.camera_id, ...variables(r as RestRequestOf<Id>) }),
  toRest: onvifOk,
});

type ValueUpdate =
  | 'updateOnvifImageBrightness'
  | 'updateOnvifImageContrast'
  | 'updateOnvifImageSaturation'
  | 'updateOnvifImageSharpness'
  | 'updateOnvifImageExposure';
const value = (r: RestRequestOf<ValueUpdate>) => ({ value: r.body.value });
const mode = (r: RestRequestOf<'updateOnvifImageBacklight' | 'updateOnvifImageIrCutFilter'>) => ({ mode: r.body.mode });
const preset = (r: RestRequestOf<'createOnvifPtzPreset' | 'deleteOnvifPtzPreset' | 'applyOnvifPtzPreset'>) => ({
  name: r.body.preset_name,
});

/**
 * 8.1–8.25: ONVIF control through the media part (errors carry their own 400 status:
 * onvif_not_configured, onvif_unauthenticated, onvif_unsupported_action, onvif_invalid_argument),
 * and the REST extension GET /onvif-discovery.
 */
export const onvifOperations: OperationSpecs = {
  getOnvifCameraInfo: read(onvifField('info')),
  getOnvifNetwork: read(onvifField('network')),
  updateOnvifNetwork: change<'updateOnvifNetwork'>('updateOnvifNetwork', (r) => ({
    input: { http: r.body.http, https: r.body.https, rtsp: r.body.rtsp },
  })),
  listOnvifUsers: read(onvifList('users')),
  updateOnvifUserPassword: change<'updateOnvifUserPassword'>('updateOnvifUserPassword', (r) => ({
    username: r.params.username,
    password: r.body.password,
  })),
  listOnvifStreams: read(onvifList('streams')),
  updateOnvifStreamEncoder: change<'updateOnvifStreamEncoder'>('updateOnvifStreamEncoder', (r) => ({
    input: toOnvifStreamEncoderInput(r.body),
  })),
  getOnvifImage: read(onvifField('image')),
  updateOnvifImageBrightness: change<'updateOnvifImageBrightness'>('updateOnvifImageBrightness', value),
  updateOnvifImageContrast: change<'updateOnvifImageContrast'>('updateOnvifImageContrast', value),
  updateOnvifImageSaturation: change<'updateOnvifImageSaturation'>('updateOnvifImageSaturation', value),
  updateOnvifImageSharpness: change<'updateOnvifImageSharpness'>('updateOnvifImageSharpness', value),
  updateOnvifImageBacklight: change<'updateOnvifImageBacklight'>('updateOnvifImageBacklight', mode),
  updateOnvifImageIrCutFilter: change<'updateOnvifImageIrCutFilter'>('updateOnvifImageIrCutFilter', mode),
  updateOnvifImageExposure: change<'updateOnvifImageExposure'>('updateOnvifImageExposure', value),
  updateOnvifImageWideDynamicRange: change<'updateOnvifImageWideDynamicRange'>(
    'updateOnvifImageWideDynamicRange',
    (r) => ({
      mode: r.body.mode,
      value: r.body.value,
    }),
  ),
  updateOnvifImageWhiteBalance: change<'updateOnvifImageWhiteBalance'>('updateOnvifImageWhiteBalance', (r) => ({
    mode: r.body.mode,
    crGain: r.body.cr_gain,
    cbGain: r.body.cb_gain,
  })),
  getOnvifPtz: read(onvifField('ptz')),
  updateOnvifPtz: change<'updateOnvifPtz'>('moveOnvifPtz', (r) => ({
    move: r.body.move,
    zoom: r.body.zoom,
    step: r.body.step,
  })),
  saveOnvifPtzHome: change<'saveOnvifPtzHome'>('saveOnvifPtzHome'),
  applyOnvifPtzHome: change<'applyOnvifPtzHome'>('applyOnvifPtzHome'),
  listOnvifPtzPresets: read(onvifList('presets')),
  createOnvifPtzPreset: change<'createOnvifPtzPreset'>('createOnvifPtzPreset', preset),
  deleteOnvifPtzPreset: change<'deleteOnvifPtzPreset'>('deleteOnvifPtzPreset', preset),
  applyOnvifPtzPreset: change<'applyOnvifPtzPreset'>('applyOnvifPtzPreset', preset),
  discoverOnvifDevices: {
    field: 'onvifDiscovery',
    variables: (r) => ({
      streamServerId: r.query.streamserver_id,
      timeoutMs: r.query.timeout_ms,
      networkInterface: r.query.interface,
    }),
    toRest: toRestOnvifDiscovery,
  },
};
