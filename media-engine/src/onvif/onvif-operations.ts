import type { OnvifOperation } from '../client/onvif.types.js';
import type { Args } from './onvif-args.js';
import type { OnvifCamera } from './onvif-camera.js';
import { getCameraInfo, getNetwork, listUsers, updateNetwork, updateUserPassword } from './device-operations.js';
import {
  getImage,
  updateBacklight,
  updateExposure,
  updateIrCutFilter,
  updateValue,
  updateWhiteBalance,
  updateWideDynamicRange,
} from './imaging-operations.js';
import {
  applyHome,
  applyPreset,
  createPreset,
  deletePreset,
  getPtz,
  listPresets,
  move,
  saveHome,
} from './ptz-operations.js';
import { moveAbsolute, moveContinuous, stop } from './ptz-moves.js';
import { listStreams, updateEncoder } from './stream-operations.js';

export type OperationHandler = (camera: OnvifCamera, args: Args) => Promise<unknown>;

/** Each ONVIF operation and what it does on the camera. */
export const OPERATIONS: Record<OnvifOperation, OperationHandler> = {
  getOnvifCameraInfo: getCameraInfo,
  getOnvifNetwork: getNetwork,
  updateOnvifNetwork: updateNetwork,
  listOnvifUsers: listUsers,
  updateOnvifUserPassword: updateUserPassword,
  listOnvifStreams: listStreams,
  updateOnvifStreamEncoder: updateEncoder,
  getOnvifImage: getImage,
  updateOnvifImageBrightness: updateValue('Brightness'),
  updateOnvifImageContrast: updateValue('Contrast'),
  updateOnvifImageSaturation: updateValue('ColorSaturation'),
  updateOnvifImageSharpness: updateValue('Sharpness'),
  updateOnvifImageBacklight: updateBacklight,
  updateOnvifImageIrCutFilter: updateIrCutFilter,
  updateOnvifImageExposure: updateExposure,
  updateOnvifImageWideDynamicRange: updateWideDynamicRange,
  updateOnvifImageWhiteBalance: updateWhiteBalance,
  getOnvifPtz: getPtz,
  updateOnvifPtz: move,
  saveOnvifPtzHome: saveHome,
  applyOnvifPtzHome: applyHome,
  listOnvifPtzPresets: listPresets,
  createOnvifPtzPreset: createPreset,
  deleteOnvifPtzPreset: deletePreset,
  applyOnvifPtzPreset: applyPreset,
  moveOnvifPtzAbsolute: moveAbsolute,
  moveOnvifPtzContinuous: moveContinuous,
  stopOnvifPtz: stop,
};

/** Operations that change the camera's users: the connection is dropped after them. */
export const CHANGES_CREDENTIALS: ReadonlySet<OnvifOperation> = new Set(['updateOnvifUserPassword']);
