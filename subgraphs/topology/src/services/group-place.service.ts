import { InvalidRequestError, NotFoundError, requirePermission, type AuditRecorder, type Viewer } from '@argus/core';
import type { GroupPlaceRepository } from '../repositories/group-place.repository.js';
import type { PlaceRepository } from '../repositories/place.repository.js';
import { refusingRaces } from './constraint-errors.js';
import type { GroupInfo, IdentityDirectory } from './identity-directory.js';
import { visibilityOf } from './visibility.js';

/** Places given to groups of users: a place is in one group at most, of its own organization. */
export class GroupPlaceService {
  constructor(
    private readonly groupPlaces: GroupPlaceRepository,
    private readonly places: PlaceRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {}

  /** Which of these groups (references to identity's Group) the caller's organization scope allows. */
  visibleGroups(viewer: Viewer, groupIds: readonly number[]): Promise<number[]> {
    return this.identity.visibleGroups(viewer, groupIds);
  }

  async add(viewer: Viewer, groupId: number, placeIds: readonly number[]): Promise<void> {
    requirePermission(viewer, 'group_place_create');
    const group = await this.group(viewer, groupId);
    const unique = [...new Set(placeIds)];
    const places = await this.places.findByIds(unique, visibilityOf(viewer));
    if (places.length !== unique.length || places.some((p) => p.organization_id !== group.organizationId)) {
      throw new InvalidRequestError('Some of provided places do not exist');
    }
    const grouped = await this.groupPlaces.placesInAnyGroup(unique);
    if (grouped.length > 0) throw new InvalidRequestError(`Places already belong to a group: ${grouped.join(', ')}`);
    await refusingRaces(() => this.groupPlaces.add(groupId, unique), {
      unique: 'Some of provided places already belong to a group',
      foreignKey: 'Some of provided places do not exist',
    });
    await this.audit.record(viewer, {
      actionType: 'group_place_create',
      organizationId: group.organizationId,
      meta: { group_id: groupId, place_ids: unique },
    });
  }

  async remove(viewer: Viewer, groupId: number, placeIds: readonly number[]): Promise<void> {
    requirePermission(viewer, 'group_place_delete');
    const group = await this.group(viewer, groupId);
    const visible = await this.places.findByIds([...new Set(placeIds)], visibilityOf(viewer));
    const removed = await this.groupPlaces.remove(
      groupId,
      visible.map((p) => p.id),
    );
    if (removed.length > 0) {
      await this.audit.record(viewer, {
        actionType: 'group_place_delete',
        organizationId: group.organizationId,
        meta: { group_id: groupId, place_ids: removed },
      });
    }
  }

  private async group(viewer: Viewer, groupId: number): Promise<GroupInfo> {
    const group = await this.identity.group(viewer, groupId);
    if (!group) throw new NotFoundError('Group not found');
    return group;
  }
}
