import { builder, common } from './builder.js';
import { OnvifDiscoveredDeviceRef } from './onvif-device.type.js';
import {
  OnvifIrCutFilterModeEnum,
  OnvifPtzDirectionEnum,
  OnvifSwitchEnum,
  OnvifWhiteBalanceModeEnum,
  OnvifZoomDirectionEnum,
} from './onvif-enums.js';
import { OnvifNetworkInput, OnvifStreamEncoderInput } from './onvif-inputs.js';
import {
  onvifCameraArgs,
  onvifPresetArgs,
  onvifValueArgs,
  toAxes,
  toDiscoverArgs,
  toEncoderArgs,
  toNetworkArgs,
} from './onvif-args.js';

const errors = { types: common.mutationErrors };
const ok = { type: common.Ok, errors };

builder.queryFields((t) => ({
  onvifDiscovery: t.field({
    type: [OnvifDiscoveredDeviceRef],
    description: "ONVIF devices answering a WS-Discovery probe on a stream server's network (camera_create)",
    args: {
      streamServerId: t.arg.id({ description: 'The stream server that probes; by default any running one' }),
      timeoutMs: t.arg.int({ description: 'How long to listen, 100–10000 ms (default 3000)' }),
      networkInterface: t.arg.string({
        description: "The interface to probe on (e.g. lo); by default the default route's",
      }),
    },
    resolve: async (_, a, ctx) =>
      (await ctx.services.onvif.discover(ctx.viewer, toDiscoverArgs(a))).devices,
  }),
}));

/**
 * Changes to a camera over ONVIF. Each returns Ok, or InvalidRequestError with
 * status onvif_not_configured, onvif_unauthenticated, onvif_unsupported_action or
 * onvif_invalid_argument, or NotFoundError; an unreachable camera is an UNAVAILABLE error.
 */
type ImageValueOperation =
  | 'updateOnvifImageBrightness'
  | 'updateOnvifImageContrast'
  | 'updateOnvifImageSaturation'
  | 'updateOnvifImageSharpness'
  | 'updateOnvifImageExposure';

builder.mutationFields((t) => {
  /** An imaging setting that takes one number, checked against the device's range (onvif_update). */
  const imageValue = (operation: ImageValueOperation, description?: string) =>
    t.field({
      ...ok,
      description,
      args: onvifValueArgs,
      resolve: (_, a, ctx) =>
        ctx.services.onvif.change(ctx.viewer, String(a.cameraId), operation, { value: a.value }),
    });
  return {
  updateOnvifNetwork: t.field({
    ...ok,
    description: "Sets the device's HTTP/HTTPS/RTSP ports (onvif_update)",
    args: { cameraId: t.arg.id({ required: true }), input: t.arg({ type: OnvifNetworkInput, required: true }) },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(
        ctx.viewer,
        String(a.cameraId),
        'updateOnvifNetwork',
        toNetworkArgs(a.input),
      ),
  }),
  updateOnvifUserPassword: t.field({
    ...ok,
    description: "Sets a device user's password, 1–16 printable ASCII characters (onvif_update); write-only",
    args: {
      cameraId: t.arg.id({ required: true }),
      username: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'updateOnvifUserPassword', {
        username: a.username,
        password: a.password,
      }),
  }),
  updateOnvifStreamEncoder: t.field({
    ...ok,
    description: "Sets a media profile's video encoder (onvif_update)",
    args: { cameraId: t.arg.id({ required: true }), input: t.arg({ type: OnvifStreamEncoderInput, required: true }) },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(
        ctx.viewer,
        String(a.cameraId),
        'updateOnvifStreamEncoder',
        toEncoderArgs(a.input),
      ),
  }),
  updateOnvifImageBrightness: imageValue('updateOnvifImageBrightness'),
  updateOnvifImageContrast: imageValue('updateOnvifImageContrast'),
  updateOnvifImageSaturation: imageValue('updateOnvifImageSaturation'),
  updateOnvifImageSharpness: imageValue('updateOnvifImageSharpness'),
  updateOnvifImageExposure: imageValue('updateOnvifImageExposure', 'Sets the longest exposure time in µs (onvif_update)'),
  updateOnvifImageBacklight: t.field({
    ...ok,
    args: { cameraId: t.arg.id({ required: true }), mode: t.arg({ type: OnvifSwitchEnum, required: true }) },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'updateOnvifImageBacklight', {
        mode: a.mode,
      }),
  }),
  updateOnvifImageIrCutFilter: t.field({
    ...ok,
    args: { cameraId: t.arg.id({ required: true }), mode: t.arg({ type: OnvifIrCutFilterModeEnum, required: true }) },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'updateOnvifImageIrCutFilter', {
        mode: a.mode,
      }),
  }),
  updateOnvifImageWideDynamicRange: t.field({
    ...ok,
    description: 'Sets the mode, the level or both (onvif_update)',
    args: { cameraId: t.arg.id({ required: true }), mode: t.arg({ type: OnvifSwitchEnum }), value: t.arg.float() },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'updateOnvifImageWideDynamicRange', {
        mode: a.mode ?? undefined,
        value: a.value ?? undefined,
      }),
  }),
  updateOnvifImageWhiteBalance: t.field({
    ...ok,
    description: 'Sets the mode and/or the Cr and Cb gains (onvif_update)',
    args: {
      cameraId: t.arg.id({ required: true }),
      mode: t.arg({ type: OnvifWhiteBalanceModeEnum }),
      crGain: t.arg.float(),
      cbGain: t.arg.float(),
    },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'updateOnvifImageWhiteBalance', {
        mode: a.mode ?? undefined,
        crGain: a.crGain ?? undefined,
        cbGain: a.cbGain ?? undefined,
      }),
  }),
  moveOnvifPtz: t.field({
    ...ok,
    description: "A relative pan/tilt and/or zoom move of step (1–10) tenths of the device's range (onvif_update)",
    args: {
      cameraId: t.arg.id({ required: true }),
      move: t.arg({ type: OnvifPtzDirectionEnum }),
      zoom: t.arg({ type: OnvifZoomDirectionEnum }),
      step: t.arg.int({ required: true }),
    },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'updateOnvifPtz', {
        move: a.move ?? undefined,
        zoom: a.zoom ?? undefined,
        step: a.step,
      }),
  }),
  moveOnvifPtzAbsolute: t.field({
    ...ok,
    description: "Moves to a position within the device's absolute ranges (OnvifPtz supportedRange; onvif_update)",
    args: { cameraId: t.arg.id({ required: true }), x: t.arg.float(), y: t.arg.float(), zoom: t.arg.float() },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'moveOnvifPtzAbsolute', toAxes(a)),
  }),
  moveOnvifPtzContinuous: t.field({
    ...ok,
    description: 'Moves at velocities from −1 to 1 per axis until stopOnvifPtz or timeoutMs (100–60000; onvif_update)',
    args: {
      cameraId: t.arg.id({ required: true }),
      x: t.arg.float(),
      y: t.arg.float(),
      zoom: t.arg.float(),
      timeoutMs: t.arg.int(),
    },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'moveOnvifPtzContinuous', {
        ...toAxes(a),
        timeoutMs: a.timeoutMs ?? undefined,
      }),
  }),
  stopOnvifPtz: t.field({
    ...ok,
    description: 'Stops pan/tilt, zoom or (by default) both (onvif_update)',
    args: { cameraId: t.arg.id({ required: true }), panTilt: t.arg.boolean(), zoom: t.arg.boolean() },
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'stopOnvifPtz', {
        panTilt: a.panTilt ?? undefined,
        zoom: a.zoom ?? undefined,
      }),
  }),
  saveOnvifPtzHome: t.field({
    ...ok,
    description: 'Saves the current PTZ position as home (onvif_update)',
    args: onvifCameraArgs,
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'saveOnvifPtzHome', {}),
  }),
  applyOnvifPtzHome: t.field({
    ...ok,
    description: 'Moves to the PTZ home position (onvif_update)',
    args: onvifCameraArgs,
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'applyOnvifPtzHome', {}),
  }),
  createOnvifPtzPreset: t.field({
    ...ok,
    description: 'Saves the current PTZ position as a named preset (onvif_create)',
    args: onvifPresetArgs,
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'createOnvifPtzPreset', {
        presetName: a.name,
      }),
  }),
  deleteOnvifPtzPreset: t.field({
    ...ok,
    description: 'Removes a PTZ preset by name (onvif_delete)',
    args: onvifPresetArgs,
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'deleteOnvifPtzPreset', {
        presetName: a.name,
      }),
  }),
  applyOnvifPtzPreset: t.field({
    ...ok,
    description: 'Moves to a PTZ preset by name (onvif_update)',
    args: onvifPresetArgs,
    resolve: (_, a, ctx) =>
      ctx.services.onvif.change(ctx.viewer, String(a.cameraId), 'applyOnvifPtzPreset', {
        presetName: a.name,
      }),
  }),
  };
});
