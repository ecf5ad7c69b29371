import type { TopologyDb } from '../db.js';

/** Which plan each camera is on (one at most) and where on the plan image. */
export class PlanCameraRepository {
  constructor(private readonly db: TopologyDb) {}

  /** The plan of each camera among `cameraIds` that is on one. */
  async plansOf(cameraIds: readonly string[]): Promise<Map<string, number>> {
    if (cameraIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('plan_cameras')
      .select(['camera_id', 'plan_id'])
      .where('camera_id', 'in', cameraIds)
      .execute();
    return new Map(rows.map((r) => [r.camera_id, r.plan_id]));
  }

  async countOnPlan(planId: number): Promise<number> {
    const row = await this.db
      .selectFrom('plan_cameras')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Puts cameras on a plan without a position. */
  async add(planId: number, cameraIds: readonly string[]): Promise<void> {
    if (cameraIds.length === 0) return;
    await this.db
      .insertInto('plan_cameras')
      .values(cameraIds.map((camera_id) => ({ camera_id, plan_id: planId, x: null, y: null })))
      .execute();
  }

  /** Takes cameras off a plan; returns those that were on it. */
  async remove(planId: number, cameraIds: readonly string[]): Promise<string[]> {
    if (cameraIds.length === 0) return [];
    const rows = await this.db
      .deleteFrom('plan_cameras')
      .where('plan_id', '=', planId)
      .where('camera_id', 'in', cameraIds)
      .returning('camera_id')
      .execute();
    return rows.map((r) => r.camera_id);
  }

  /** Takes a camera off whatever plan it is on; returns that plan. */
  async removeCamera(cameraId: string): Promise<number | undefined> {
    const row = await this.db
      .deleteFrom('plan_cameras')
      .where('camera_id', '=', cameraId)
      .returning('plan_id')
      .executeTakeFirst();
    return row?.plan_id;
  }

  /** Moves a camera on its plan; false when the camera is not on that plan. */
  async setPosition(planId: number, cameraId: string, x: number | null, y: number | null): Promise<boolean> {
    const result = await this.db
      .updateTable('plan_cameras')
      .set({ x, y })
      .where('plan_id', '=', planId)
      .where('camera_id', '=', cameraId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
