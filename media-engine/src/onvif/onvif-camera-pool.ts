import { createHash } from 'node:crypto';
import { OnvifCamera, type OnvifSettings } from './onvif-camera.js';

interface Entry {
  readonly fingerprint: string;
  readonly camera: Promise<OnvifCamera>;
}

/**
 * One connected OnvifCamera per camera id, shared by concurrent calls. A camera whose ONVIF
 * settings changed (host, port, login or password) gets a new one; a failed connect is not kept.
 */
export class OnvifCameraPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly timeoutMs: number,
    private readonly connect = OnvifCamera.connect,
  ) {}

  /** `fresh`: whether this call connected (false: an existing connection was reused). */
  async get(cameraId: string, settings: OnvifSettings): Promise<{ camera: OnvifCamera; fresh: boolean }> {
    const fingerprint = fingerprintOf(settings);
    const existing = this.entries.get(cameraId);
    if (existing?.fingerprint === fingerprint) return { camera: await existing.camera, fresh: false };
    const camera = this.connect(settings, this.timeoutMs);
    const entry = { fingerprint, camera };
    this.entries.set(cameraId, entry);
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
