import { withPermission, type SubgraphClient, type Viewer } from '@argus/core';

export interface GroupInfo {
  readonly id: number;
  readonly organizationId: number;
}

/** What topology asks the identity part: groups and organizations it does not own. */
export interface IdentityDirectory {
  /** The group as the caller's organization scope allows (undefined when unknown or another organization's). */
  group(viewer: Viewer, id: number): Promise<GroupInfo | undefined>;
  organizationExists(viewer: Viewer, id: number): Promise<boolean>;
}

const GROUP = 'query($id:Int!){ group(id:$id){ id organizationId } }';
const ORGANIZATION = 'query($id:Int!){ organization(id:$id){ id } }';

/**
 * Asks identity over GraphQL, on behalf of the caller. The lookups are topology's own checks, not
 * reads by the caller: they answer whether or not the caller may read groups or organizations,
 * while identity still confines them to the caller's organization.
 */
export class RemoteIdentityDirectory implements IdentityDirectory {
  constructor(private readonly client: SubgraphClient) {}

  async group(viewer: Viewer, id: number): Promise<GroupInfo | undefined> {
    const data = await this.client.request<{ group: GroupInfo | null }>(withPermission(viewer, 'group_read'), GROUP, { id });
    return data.group ?? undefined;
  }

  async organizationExists(viewer: Viewer, id: number): Promise<boolean> {
    const data = await this.client.request<{ organization: { id: number } | null }>(withPermission(viewer, 'organization_read'), ORGANIZATION, { id });
    return data.organization !== null;
  }
}
