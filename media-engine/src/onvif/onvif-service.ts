import { StreamTargetRefused, type Logger, type StreamTargetGuard } from '@argus/core';
import type { OnvifOperation } from '../client/onvif.types.js';
import { argsOf } from './onvif-args.js';
import type { OnvifSettings } from './onvif-camera.js';
import { OnvifCameraPool } from './onvif-camera-pool.js';
import { classifyOnvifFailure, OnvifError } from './onvif-error.js';
import { CHANGES_CREDENTIALS, OPERATIONS } from './onvif-operations.js';

/** A camera's ONVIF settings: undefined for an unknown camera, null parts when not configured. */
export interface CameraOnvifSettings {
  readonly host: string | null;
  readonly port: number | null;
  readonly login: string | null;
  readonly password: string | null;
}

export interface OnvifSettingsSource {
  /** undefined: no such camera */
  settings(cameraId: string): Promise<CameraOnvifSettings | undefined>;
}

export interface OnvifServiceOptions {
  readonly settings: OnvifSettingsSource;
  readonly timeoutMs: number;
  /** the addresses a camera's onvif_host may resolve to (STREAM_ALLOWED_NETWORKS); without it, any */
  readonly targets?: StreamTargetGuard;
  readonly logger?: Logger;
  readonly pool?: OnvifCameraPool;
}

const DEFAULT_ONVIF_PORT = 80;

/**
 * Runs contract operations on cameras: their settings from topology, one cached connection per
 * camera, one reconnect when the camera refuses a cached connection's login (its clock may have
 * moved: a new connection measures the offset again). Every failure is an OnvifError.
 */
export class OnvifService {
  private readonly pool: OnvifCameraPool;

  constructor(private readonly options: OnvifServiceOptions) {
    this.pool = options.pool ?? new OnvifCameraPool(options.timeoutMs);
  }

  async run(operation: OnvifOperation, cameraId: string, rawArgs: unknown): Promise<unknown> {
    const handler = OPERATIONS[operation];
    const args = argsOf(rawArgs);
    const settings = await this.settingsOf(cameraId);
    try {
      const checked = { ...settings, host: await this.allowedAddressOf(settings.host) };
      let { camera, fresh } = await this.pool.get(cameraId, checked);
      try {
        return await handler(camera, args);
      } catch (err) {
        if (!(err instanceof OnvifError) || err.code !== 'onvif_unauthenticated' || fresh) throw err;
        this.pool.drop(cameraId);
        ({ camera, fresh } = await this.pool.get(cameraId, checked));
        return await handler(camera, args);
      } finally {
        if (CHANGES_CREDENTIALS.has(operation)) this.pool.drop(cameraId);
      }
    } catch (err) {
      const failure = classifyOnvifFailure(err, undefined, operation);
      this.options.logger?.warn(
        { camera: cameraId, host: settings.host, port: settings.port, operation, code: failure.code },
        failure.message,
      );
      throw failure;
    }
  }

  private async settingsOf(cameraId: string): Promise<OnvifSettings> {
    let found: CameraOnvifSettings | undefined;
    try {
      found = await this.options.settings.settings(cameraId);
    } catch (err) {
      throw new OnvifError(
        'temporarily_unavailable',
        `The camera's settings cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (!found || !found.host || !found.login || !found.password) this.pool.drop(cameraId);
    if (!found) throw new OnvifError('not_found', 'Camera not found');
    if (!found.host || !found.login || !found.password) {
      throw new OnvifError('onvif_not_configured', 'The camera has no ONVIF host, login and password');
    }
    return { host: found.host, port: found.port ?? DEFAULT_ONVIF_PORT, login: found.login, password: found.password };
  }

  /**
   * The address the camera's host resolves to, when every address it resolves to may be opened
   * (a camera on the server's own machine or the cloud metadata address may not, unless listed),
   * so that the connection goes to the address checked, not to a second lookup's answer.
   */
  private async allowedAddressOf(host: string): Promise<string> {
    if (!this.options.targets) return host;
    const bracketed = host.includes(':') ? `[${host}]` : host;
    try {
      return (await this.options.targets.check(`http://${bracketed}/`)).address;
    } catch (err) {
      if (err instanceof StreamTargetRefused) {
        throw new OnvifError('onvif_invalid_argument', 'The address of onvif_host is not allowed');
      }
      throw new OnvifError('temporarily_unavailable', `The camera does not answer: ${host} does not resolve`);
    }
  }

  /** Forgets every connection of a camera (e.g. after its settings were edited). */
  forget(cameraId: string): void {
    this.pool.drop(cameraId);
  }
}
