import type { SubgraphClient, Viewer } from '@argus/core';

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
    const asker = viewer.permissions.includes('organization_read') ? viewer : { ...viewer, permissions: [...viewer.permissions, 'organization_read' as const] };
    const data = await this.client.request<{ organization: { id: number } | null }>(asker, ORGANIZATION, { id });
    return data.organization !== null;
  }
}
