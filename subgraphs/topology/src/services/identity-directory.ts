import type { SubgraphClient, Viewer } from '@argus/core';

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

/** Asks identity over GraphQL, on behalf of the caller. */
export class RemoteIdentityDirectory implements IdentityDirectory {
  constructor(private readonly client: SubgraphClient) {}

  async group(viewer: Viewer, id: number): Promise<GroupInfo | undefined> {
    const data = await this.client.request<{ group: GroupInfo | null }>(withRead(viewer, 'group_read'), GROUP, { id });
    return data.group ?? undefined;
  }

  async organizationExists(viewer: Viewer, id: number): Promise<boolean> {
    const data = await this.client.request<{ organization: { id: number } | null }>(withRead(viewer, 'organization_read'), ORGANIZATION, { id });
    return data.organization !== null;
  }
}

/**
 * The lookup is topology's own check, not a read by the caller: it must answer whether or not the
 * caller may read groups, while identity still confines it to the caller's organization.
 */
function withRead(viewer: Viewer, permission: 'group_read' | 'organization_read'): Viewer {
  return viewer.permissions.includes(permission) ? viewer : { ...viewer, permissions: [...viewer.permissions, permission] };
}
