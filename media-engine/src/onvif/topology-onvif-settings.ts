import { INTERNAL_SIGNATURE_HEADER, internalSignature } from '@argus/core';
import type { CameraOnvifSettings, OnvifSettingsSource } from './onvif-service.js';

interface OnvifSettingsWire {
  camera: {
    id: string;
    onvif: { host: string | null; port: number | null; login: string | null; password: string | null };
  } | null;
}

/**
 * A camera's ONVIF settings, password included, from topology's internal endpoint
 * `POST /internal/cameras/onvif` (next to its GraphQL endpoint, signed with the internal key).
 */
export class TopologyOnvifSettings implements OnvifSettingsSource {
  private readonly url: string;

  constructor(
    topologyUrl: string,
    private readonly internalKey: string,
    private readonly timeoutMs = 5000,
  ) {
    this.url = topologyUrl.replace(/\/graphql\/?$/, '/internal/cameras/onvif');
  }

  async settings(cameraId: string): Promise<CameraOnvifSettings | undefined> {
    const body = JSON.stringify({ camera_id: cameraId });
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
    const { camera } = (await response.json()) as OnvifSettingsWire;
    return camera ? camera.onvif : undefined;
  }
}
