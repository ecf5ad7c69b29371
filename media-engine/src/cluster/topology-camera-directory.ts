import { INTERNAL_SIGNATURE_HEADER, internalSignature } from '@argus/core';
import { parseAnalyticsSettings } from '../analysis/analytics-settings.js';
import type { RtspTransport } from '../ffmpeg/camera-source.js';
import type { CameraDirectory, ScheduledCamera } from './scheduled-camera.js';

/** A camera as topology's POST /internal/cameras/ingest answers it. */
interface IngestCameraWire {
  id: string;
  source: { url: string; username: string | null; password: string | null; transport: RtspTransport };
  scheduler_group: string | null;
  scheduler_tags: string[];
  video_storage: { enabled: boolean; retention_days: number } | null;
  /** the camera's video_analytics (CameraVideoAnalytics), when topology sends it */
  video_analytics?: unknown;
}

/**
 * The cameras to schedule, from the topology part's internal endpoint (next to its GraphQL
 * endpoint, signed with the internal key). Not GraphQL: the stream password is write-only there.
 */
export class TopologyCameraDirectory implements CameraDirectory {
  private readonly url: string;

  constructor(
    topologyUrl: string,
    private readonly internalKey: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.url = topologyUrl.replace(/\/graphql\/?$/, '/internal/cameras/ingest');
  }

  async list(): Promise<ScheduledCamera[]> {
    const body = '{}';
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey),
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`${this.url} answered HTTP ${response.status}`);
    const { cameras } = (await response.json()) as { cameras: IngestCameraWire[] };
    return cameras.map(toScheduledCamera);
  }
}

export function toScheduledCamera(wire: IngestCameraWire): ScheduledCamera {
  return {
    id: wire.id,
    source: {
      url: wire.source.url,
      username: wire.source.username,
      password: wire.source.password,
      transport: wire.source.transport,
    },
    schedulerGroup: wire.scheduler_group,
    schedulerTags: wire.scheduler_tags,
    recording: wire.video_storage?.enabled === true,
    retentionDays: wire.video_storage?.retention_days ?? null,
    analytics: parseAnalyticsSettings(wire.video_analytics),
  };
}
