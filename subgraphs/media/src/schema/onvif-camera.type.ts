import { builder } from './builder.js';
import { OnvifCameraInfo, OnvifNetwork, OnvifUser } from './onvif-device.type.js';
import { OnvifImage } from './onvif-image.type.js';
import { OnvifPtz } from './onvif-ptz.type.js';
import { OnvifStream } from './onvif-stream.type.js';

/**
 * ONVIF control of a camera, asked of the device through a media engine when a field is
 * selected (onvif_read). A field the device cannot answer is null with an error whose
 * extensions.status says why: onvif_not_configured, onvif_unauthenticated,
 * onvif_unsupported_action, onvif_invalid_argument (INVALID_REQUEST) or UNAVAILABLE.
 */
export const CameraOnvif = builder.objectRef<{ cameraId: string }>('CameraOnvif').implement({
  description: 'What the camera says over ONVIF; each field is one request to the device',
  fields: (t) => ({
    info: t.field({
      type: OnvifCameraInfo,
      nullable: true,
      resolve: (c, _, ctx) => ctx.services.onvif.read(ctx.viewer, c.cameraId, 'getOnvifCameraInfo'),
    }),
    network: t.field({
      type: OnvifNetwork,
      nullable: true,
      resolve: (c, _, ctx) => ctx.services.onvif.read(ctx.viewer, c.cameraId, 'getOnvifNetwork'),
    }),
    users: t.field({
      type: [OnvifUser],
      nullable: true,
      resolve: async (c, _, ctx) =>
        (await ctx.services.onvif.read(ctx.viewer, c.cameraId, 'listOnvifUsers')).users,
    }),
    streams: t.field({
      type: [OnvifStream],
      nullable: true,
      resolve: async (c, _, ctx) =>
        (await ctx.services.onvif.read(ctx.viewer, c.cameraId, 'listOnvifStreams')).streams,
    }),
    image: t.field({
      type: OnvifImage,
      nullable: true,
      resolve: (c, _, ctx) => ctx.services.onvif.read(ctx.viewer, c.cameraId, 'getOnvifImage'),
    }),
    ptz: t.field({
      type: OnvifPtz,
      nullable: true,
      resolve: (c, _, ctx) => ctx.services.onvif.read(ctx.viewer, c.cameraId, 'getOnvifPtz'),
    }),
    presets: t.stringList({
      nullable: true,
      description: 'PTZ preset names',
      resolve: async (c, _, ctx) =>
        (await ctx.services.onvif.read(ctx.viewer, c.cameraId, 'listOnvifPtzPresets')).presets,
    }),
  }),
});

/**
 * Topology's Camera, extended with its ONVIF control; a reference resolves only to a camera the
 * caller sees, else null.
 */
export const Camera = builder.externalRef('Camera', builder.selection<{ id: string }>('id'), ({ id }, ctx) =>
  ctx.loaders.visibleCamera.load(String(id)),
);

Camera.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    onvif: t.field({ type: CameraOnvif, resolve: (camera) => ({ cameraId: String(camera.id) }) }),
  }),
});
