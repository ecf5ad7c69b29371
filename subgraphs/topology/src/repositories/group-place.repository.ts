import type { TopologyDb } from '../db.js';

/** Which group each place belongs to (groups themselves live in the identity part). */
export class GroupPlaceRepository {
  constructor(private readonly db: TopologyDb) {}

  /** Places among `placeIds` that already belong to a group. */
  async placesInAnyGroup(placeIds: readonly number[]): Promise<number[]> {
    if (placeIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('group_places')
      .select('place_id')
      .where('place_id', 'in', placeIds)
      .orderBy('place_id')
      .execute();
    return rows.map((r) => r.place_id);
  }

  async add(groupId: number, placeIds: readonly number[]): Promise<void> {
    if (placeIds.length === 0) return;
    await this.db
      .insertInto('group_places')
      .values(placeIds.map((place_id) => ({ place_id, group_id: groupId })))
      .execute();
  }

  /** Removes the given places from the group; returns those that were in it. */
  async remove(groupId: number, placeIds: readonly number[]): Promise<number[]> {
    if (placeIds.length === 0) return [];
    const rows = await this.db
      .deleteFrom('group_places')
      .where('group_id', '=', groupId)
      .where('place_id', 'in', placeIds)
      .returning('place_id')
      .execute();
    return rows.map((r) => r.place_id);
  }
}
