import { SubgraphClient, withPermission, type Viewer } from '@argus/core';

/** A camera as the media part names it (statuses, clips). */
export interface NamedCamera {
  readonly id: string;
  readonly name: string;
}

/**
 * The cameras behind streams, recordings and clips: which the caller sees (topology decides, by
 * organization and, for group members, their places). A camera's source and its credentials
 * never come here: the media engines read them from topology themselves.
 */
export interface TopologyCameras {
  /** The camera when the caller may see it, else null. */
  visible(viewer: Viewer, cameraId: string): Promise<NamedCamera | null>;
  /** Every camera the caller sees, oldest first. */
  listVisible(viewer: Viewer): Promise<NamedCamera[]>;
}

const CAMERA = 'query($id:ID!){ camera(id:$id){ id name } }';
const CAMERAS =
  'query($after:String){ cameras(first:1000, after:$after){ nodes { id name } pageInfo { endCursor hasNextPage } } }';

/**
 * Topology over HTTP: `camera(id)` / `cameras` as the caller. The lookups are this part's own check, not camera reads by the caller (camera_read is
 * added): a caller with segment_read but not camera_read is still confined to the cameras
 * topology lets them see. The URL is asked for when first needed (in one process topology starts after this part
 * is built).
 */
export class RemoteTopologyCameras implements TopologyCameras {
  private client: SubgraphClient | undefined;

  constructor(
    private readonly topologyUrl: () => string,
    private readonly internalKey: string,
  ) {}

  async visible(viewer: Viewer, cameraId: string): Promise<NamedCamera | null> {
    const data = await this.graphql().request<{ camera: NamedCamera | null }>(
      withPermission(viewer, 'camera_read'),
      CAMERA,
      { id: cameraId },
    );
    return data.camera;
  }

  async listVisible(viewer: Viewer): Promise<NamedCamera[]> {
    const cameras: NamedCamera[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { cameras: { nodes: NamedCamera[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } =
        await this.graphql().request(withPermission(viewer, 'camera_read'), CAMERAS, { after });
      cameras.push(...data.cameras.nodes);
      if (!data.cameras.pageInfo.hasNextPage || !data.cameras.pageInfo.endCursor) return cameras;
      after = data.cameras.pageInfo.endCursor;
    }
  }

  private graphql(): SubgraphClient {
    this.client ??= new SubgraphClient(this.topologyUrl(), this.internalKey);
    return this.client;
  }
}
