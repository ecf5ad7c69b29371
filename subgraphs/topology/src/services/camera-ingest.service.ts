import { isUuid } from '@argus/core';
import type { CameraRepository } from '../repositories/camera.repository.js';

/** A camera as the media engine's stream servers receive it (POST /internal/cameras/ingest). */
export interface IngestCamera {
  id: string;
  source: { url: string; username: string | null; password: string | null; transport: string };
  scheduler_group: string | null;
  scheduler_tags: string[];
  video_storage: { enabled: boolean; retention_days: number } | null;
  /** the camera's analytics settings as stored (the engine's analysis reads them) */
  video_analytics: unknown;
}

/** A camera's ONVIF settings as the media engine receives them (POST /internal/cameras/onvif). */
export interface OnvifCamera {
  id: string;
  organization_id: number;
  onvif: { host: string | null; port: number | null; login: string | null; password: string | null };
}

/**
 * The cameras to schedule onto stream servers, stream passwords included: the public API keeps
 * them write-only, so they leave topology only through this internal endpoint (internal key).
 */
export class CameraIngestService {
  constructor(private readonly cameras: CameraRepository) {}

  /** One camera's ONVIF settings, the write-only password included; null for an unknown camera. */
  async onvif(cameraId: unknown): Promise<OnvifCamera | null> {
    if (typeof cameraId !== 'string' || !isUuid(cameraId)) return null;
    const row = await this.cameras.onvifSettings(cameraId);
    if (!row) return null;
    return {
      id: row.id,
      organization_id: row.organization_id,
      onvif: { host: row.onvif_host, port: row.onvif_port, login: row.onvif_login, password: row.onvif_password },
    };
  }

  async list(): Promise<IngestCamera[]> {
    const rows = await this.cameras.listForIngest();
    return rows.map((row) => ({
      id: row.id,
      source: {
        url: row.source.url,
        username: row.source.username ?? null,
        password: row.source.password ?? null,
        transport: row.source.transport,
      },
      scheduler_group: row.scheduler_group,
      scheduler_tags: row.scheduler_tags ?? [],
      video_storage: row.video_storage
        ? { enabled: row.video_storage.enabled, retention_days: row.video_storage.retentionDays }
        : null,
      video_analytics: row.video_analytics,
    }));
  }
}
