import { requirePermission, type Viewer } from '@argus/core';
import type { LiveStreamServer } from '@argus/media-engine/client';

/** Where the live stream servers come from: the media engine's reader (its `streaming` schema). */
export interface StreamServerDirectory {
  listLive(): Promise<LiveStreamServer[]>;
}

/** The stream servers heart-beating now. Not per organization: they serve every one. */
export class StreamServerService {
  constructor(private readonly servers: StreamServerDirectory) {}

  list(viewer: Viewer): Promise<LiveStreamServer[]> {
    requirePermission(viewer, 'streamserver_read');
    return this.servers.listLive();
  }
}
