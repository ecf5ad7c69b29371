import { createHash } from 'node:crypto';
import { OnvifCamera, type OnvifSettings } from './onvif-camera.js';

interface Entry {
  readonly fingerprint: string;
  readonly camera: Promise<OnvifCamera>;
}

/** Connections kept at most; the least recently used one is dropped beyond this. */
export const ONVIF_POOL_MAX_CAMERAS = 1_000;

/**
 * One connected OnvifCamera per camera id, shared by concurrent calls. A camera whose ONVIF
 * settings changed (host, port, login or password) gets a new one; a failed connect is not kept;
 * beyond `maxCameras` the least recently used connection is dropped.
 */
export class OnvifCameraPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly timeoutMs: number,
    private readonly connect = OnvifCamera.connect,
    private readonly maxCameras = ONVIF_POOL_MAX_CAMERAS,
  ) {}

  /** `fresh`: whether this call connected (false: an existing connection was reused). */
  async get(cameraId: string, settings: OnvifSettings): Promise<{ camera: OnvifCamera; fresh: boolean }> {
    const fingerprint = fingerprintOf(settings);
    const existing = this.entries.get(cameraId);
    if (existing?.fingerprint === fingerprint) {
      // most recently used last
      this.entries.delete(cameraId);
      this.entries.set(cameraId, existing);
      return { camera: await existing.camera, fresh: false };
    }
    const camera = this.connect(settings, this.timeoutMs);
    const entry = { fingerprint, camera };
    this.entries.delete(cameraId);
    this.entries.set(cameraId, entry);
    if (this.entries.size > this.maxCameras) this.entries.delete(this.entries.keys().next().value!);
    try {
      return { camera: await camera, fresh: true };
    } catch (err) {
      if (this.entries.get(cameraId) === entry) this.entries.delete(cameraId);
      throw err;
    }
  }

  /** Forgets a camera's connection (its clock or credentials changed): the next call connects anew. */
  drop(cameraId: string): void {
    this.entries.delete(cameraId);
  }

  get size(): number {
    return this.entries.size;
  }
}

function fingerprintOf(settings: OnvifSettings): string {
  return createHash('sha256')
    .update(JSON.stringify([settings.host, settings.port, settings.login, settings.password]))
    .digest('hex');
}
