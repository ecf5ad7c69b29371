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
  /** Which of these groups the caller's organization scope allows (one request for them all). */
  visibleGroups(viewer: Viewer, ids: readonly number[]): Promise<number[]>;
}

const GROUP = 'query($id:Int!){ group(id:$id){ id organizationId } }';
const ORGANIZATION = 'query($id:Int!){ organization(id:$id){ id } }';
const GROUP_REFERENCES = 'query($r:[_Any!]!){ _entities(representations:$r){ ... on Group { id } } }';

/**
 * Asks identity over GraphQL, on behalf of the caller. The lookups are topology's own checks, not
 * reads by the caller: they answer whether or not the caller may read groups or organizations,
 * while identity still confines them to the caller's organization.
 */
export class RemoteIdentityDirectory implements IdentityDirectory {
  constructor(private readonly client: SubgraphClient) {}

  async group(viewer: Viewer, id: number): Promise<GroupInfo | undefined> {
    const data = await this.client.request<{ group: GroupInfo | null }>(withPermission(viewer, 'group_read'), GROUP, {
      id,
    });
    return data.group ?? undefined;
  }

  async organizationExists(viewer: Viewer, id: number): Promise<boolean> {
    const data = await this.client.request<{ organization: { id: number } | null }>(
      withPermission(viewer, 'organization_read'),
      ORGANIZATION,
      { id },
    );
    return data.organization !== null;
  }

  async visibleGroups(viewer: Viewer, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const representations = ids.map((id) => ({ __typename: 'Group', id }));
    const data = await this.client.request<{ _entities: ({ id: number } | null)[] }>(
      withPermission(viewer, 'group_read'),
      GROUP_REFERENCES,
      { r: representations },
    );
    return data._entities.flatMap((group) => (group ? [group.id] : []));
  }
}
