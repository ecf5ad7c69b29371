import { withPermission, type SubgraphClient, type Viewer } from '@argus/core';

/** What watchlists asks the identity part: whether an organization exists. */
export interface IdentityDirectory {
  organizationExists(viewer: Viewer, id: number): Promise<boolean>;
}

const ORGANIZATION = 'query($id:Int!){ organization(id:$id){ id } }';

/** Asks identity over GraphQL, on behalf of the caller. */
export class RemoteIdentityDirectory implements IdentityDirectory {
  constructor(private readonly client: SubgraphClient) {}

  async organizationExists(viewer: Viewer, id: number): Promise<boolean> {
    // the lookup is watchlists' own check, not a read by the caller: it must answer without organization_read
    const data = await this.client.request<{ organization: { id: number } | null }>(
      withPermission(viewer, 'organization_read'),
      ORGANIZATION,
      { id },
    );
    return data.organization !== null;
  }
}
