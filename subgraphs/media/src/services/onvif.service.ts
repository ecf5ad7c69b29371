import {
  type AuditRecorder,
  isUuid,
  NotFoundError,
  type Permission,
  requirePermission,
  type Viewer,
} from '@argus/core';
import type {
  OnvifArgs,
  OnvifDiscoverArgs,
  OnvifDiscovery,
  OnvifOperation,
  OnvifResult,
} from '@argus/media-engine/client';
import { checkDiscoverArgs, checkOnvifArgs } from './onvif-arguments.js';
import { onvifDomainError, type OnvifEngines } from './onvif-engines.js';
import type { TopologyCameras } from './topology-cameras.js';

/** The operations that only read the device (onvif_read). */
export type OnvifReadOperation =
  | 'getOnvifCameraInfo'
  | 'getOnvifNetwork'
  | 'listOnvifUsers'
  | 'listOnvifStreams'
  | 'getOnvifImage'
  | 'getOnvifPtz'
  | 'listOnvifPtzPresets';

/** The operations that change the device: each audited. */
export type OnvifChangeOperation = Exclude<OnvifOperation, OnvifReadOperation>;

/** Each change's permission (the spec's enum) and audit action type. */
const CHANGES: Record<OnvifChangeOperation, { permission: Permission; action: string; setting?: string }> = {
  updateOnvifNetwork: { permission: 'onvif_update', action: 'onvif_network_update' },
  updateOnvifUserPassword: { permission: 'onvif_update', action: 'onvif_user_update' },
  updateOnvifStreamEncoder: { permission: 'onvif_update', action: 'onvif_stream_update' },
  updateOnvifImageBrightness: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'brightness' },
  updateOnvifImageContrast: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'contrast' },
  updateOnvifImageSaturation: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'color_saturation' },
  updateOnvifImageSharpness: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'sharpness' },
  updateOnvifImageBacklight: {
    permission: 'onvif_update',
    action: 'onvif_image_update',
    setting: 'backlight_compensation',
  },
  updateOnvifImageIrCutFilter: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'ir_cut_filter' },
  updateOnvifImageExposure: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'exposure' },
  updateOnvifImageWideDynamicRange: {
    permission: 'onvif_update',
    action: 'onvif_image_update',
    setting: 'wide_dynamic_range',
  },
  updateOnvifImageWhiteBalance: { permission: 'onvif_update', action: 'onvif_image_update', setting: 'white_balance' },
  updateOnvifPtz: { permission: 'onvif_update', action: 'onvif_ptz_update' },
  saveOnvifPtzHome: { permission: 'onvif_update', action: 'onvif_ptz_home_save' },
  applyOnvifPtzHome: { permission: 'onvif_update', action: 'onvif_ptz_home_apply' },
  createOnvifPtzPreset: { permission: 'onvif_create', action: 'onvif_ptz_preset_create' },
  deleteOnvifPtzPreset: { permission: 'onvif_delete', action: 'onvif_ptz_preset_delete' },
  applyOnvifPtzPreset: { permission: 'onvif_update', action: 'onvif_ptz_preset_apply' },
  moveOnvifPtzAbsolute: { permission: 'onvif_update', action: 'onvif_ptz_update', setting: 'absolute' },
  moveOnvifPtzContinuous: { permission: 'onvif_update', action: 'onvif_ptz_update', setting: 'continuous' },
  stopOnvifPtz: { permission: 'onvif_update', action: 'onvif_ptz_update', setting: 'stop' },
};

/** Argument names never written to the audit log. */
const SECRET_ARGS = new Set(['password']);

export interface OnvifServiceOptions {
  readonly cameras: Pick<TopologyCameras, 'visible'>;
  readonly engines: Pick<OnvifEngines, 'forCamera' | 'forDiscovery'>;
  readonly audit: AuditRecorder;
}

/**
 * ONVIF control of cameras through a media engine. Every call checks the
 * operation's permission, then that the caller sees the camera (topology; otherwise not
 * found), then asks the engine holding the camera's lease (or any live one). Changes are
 * audited with the spec's action types; passwords are never returned, audited or logged.
 */
export class OnvifService {
  constructor(private readonly o: OnvifServiceOptions) {}

  async read<Op extends OnvifReadOperation>(viewer: Viewer, cameraId: string, operation: Op): Promise<OnvifResult<Op>> {
    requirePermission(viewer, 'onvif_read');
    await this.visible(viewer, cameraId);
    return this.call(cameraId, operation, {} as OnvifArgs<Op>);
  }

  async change<Op extends OnvifChangeOperation>(
    viewer: Viewer,
    cameraId: string,
    operation: Op,
    args: OnvifArgs<Op>,
  ): Promise<{ ok: true }> {
    const { permission, action, setting } = CHANGES[operation];
    requirePermission(viewer, permission);
    await this.visible(viewer, cameraId);
    const given = definedOnly(args);
    checkOnvifArgs(operation, given);
    await this.call(cameraId, operation, given);
    await this.o.audit.record(viewer, {
      actionType: action,
      meta: { camera_id: cameraId, ...(setting ? { setting } : {}), ...auditArgs(given) },
    });
    return { ok: true };
  }

  /** WS-Discovery from a stream server's network (camera_create: it finds cameras to add). */
  async discover(
    viewer: Viewer,
    args: OnvifDiscoverArgs & { streamServerId?: string | null },
  ): Promise<OnvifDiscovery> {
    requirePermission(viewer, 'camera_create');
    const { streamServerId, ...probe } = args;
    const given = definedOnly(probe);
    checkDiscoverArgs(given);
    const engine = await this.o.engines.forDiscovery(streamServerId);
    return engine.discover(given).catch((err: unknown) => {
      throw onvifDomainError(err);
    });
  }

  private async visible(viewer: Viewer, cameraId: string): Promise<void> {
    if (!isUuid(cameraId) || !(await this.o.cameras.visible(viewer, cameraId)))
      throw new NotFoundError('Camera not found');
  }

  private async call<Op extends OnvifOperation>(
    cameraId: string,
    operation: Op,
    args: OnvifArgs<Op>,
  ): Promise<OnvifResult<Op>> {
    const engine = await this.o.engines.forCamera(cameraId);
    return engine.call(operation, cameraId, args).catch((err: unknown) => {
      throw onvifDomainError(err);
    });
  }
}

/** The arguments without null or undefined members (GraphQL leaves optional arguments null). */
function definedOnly<T>(args: T): T {
  return Object.fromEntries(Object.entries(args as object).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** The arguments as audit meta: snake_case names, secrets left out. */
function auditArgs(args: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args)
      .filter(([name]) => !SECRET_ARGS.has(name))
      .map(([name, value]) => [name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
  );
}
