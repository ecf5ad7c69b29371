import {
  INTERNAL_SIGNATURE_HEADER,
  internalSignature,
  NotFoundError,
  SubgraphClient,
  UnavailableError,
  withPermission,
  type Viewer,
} from '@argus/core';

/** A camera's organization and place (topology's signed `/internal/cameras/facts`). */
export interface CameraFacts {
  readonly organizationId: number;
  readonly placeId: number | null;
}

/** What the events part asks topology: cameras' organizations and places, and which places a caller sees. */
export interface EventPlaces {
  /** null for a camera topology does not know */
  cameraFacts(cameraId: string): Promise<CameraFacts | null>;
  /** the places the caller sees (for members of groups: the places of their groups) */
  visiblePlaceIds(viewer: Viewer): Promise<number[]>;
  /** the places of a group the caller sees; NotFoundError when the caller does not see the group */
  placesOfGroup(viewer: Viewer, groupId: number): Promise<number[]>;
  placeVisible(viewer: Viewer, placeId: number): Promise<boolean>;
}

const PLACES =
  'query($after:String,$groupId:Int){ places(first:1000, after:$after, groupId:$groupId){ nodes { id } pageInfo { endCursor hasNextPage } } }';
const PLACE = 'query($id:Int!){ place(id:$id){ id } }';

/** Topology over HTTP: its GraphQL as the caller, its internal camera facts signed with the internal key. */
export class RemoteEventPlaces implements EventPlaces {
  private client: SubgraphClient | undefined;

  constructor(
    private readonly topologyUrl: () => string,
    private readonly internalKey: string,
  ) {}

  async cameraFacts(cameraId: string): Promise<CameraFacts | null> {
    const url = this.topologyUrl().replace(/\/graphql\/?$/, '/internal/cameras/facts');
    const body = JSON.stringify({ camera_id: cameraId });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new UnavailableError(`topology does not answer: ${(error as Error).message}`);
    }
    if (!response.ok) throw new UnavailableError(`topology answered HTTP ${response.status}`);
    const { camera } = (await response.json()) as {
      camera: { organization_id: number; place_id: number | null } | null;
    };
    return camera ? { organizationId: camera.organization_id, placeId: camera.place_id } : null;
  }

  visiblePlaceIds(viewer: Viewer): Promise<number[]> {
    return this.places(viewer, null);
  }

  async placesOfGroup(viewer: Viewer, groupId: number): Promise<number[]> {
    try {
      return await this.places(viewer, groupId);
    } catch (error) {
      if (error instanceof UnavailableError) throw error;
      throw new NotFoundError('Group not found');
    }
  }

  async placeVisible(viewer: Viewer, placeId: number): Promise<boolean> {
    const data = await this.graphql().request<{ place: { id: number } | null }>(
      withPermission(viewer, 'place_read'),
      PLACE,
      { id: placeId },
    );
    return data.place !== null;
  }

  private async places(viewer: Viewer, groupId: number | null): Promise<number[]> {
    const ids: number[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        places: { nodes: { id: number }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
      } = await this.graphql().request(withPermission(viewer, 'place_read'), PLACES, { after, groupId });
      ids.push(...data.places.nodes.map((p) => p.id));
      if (!data.places.pageInfo.hasNextPage || !data.places.pageInfo.endCursor) return ids;
      after = data.places.pageInfo.endCursor;
    }
  }

  private graphql(): SubgraphClient {
    this.client ??= new SubgraphClient(this.topologyUrl(), this.internalKey);
    return this.client;
  }
}
