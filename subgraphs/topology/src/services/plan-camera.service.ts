import {
  type AuditRecorder,
  InvalidRequestError,
  isUuid,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  type Viewer,
} from '@argus/core';
import type { CameraRepository, CameraRow } from '../repositories/camera.repository.js';
import type { PlanCameraRepository } from '../repositories/plan-camera.repository.js';
import type { PlanRepository } from '../repositories/plan.repository.js';
import { refusingRaces } from './constraint-errors.js';
import { numberIn } from './field-rules.js';
import { cameraKey, createdPage } from './paging.js';
import { visibilityOf } from './visibility.js';

/** A camera on a plan, with its position there. */
export type PlanCameraRow = CameraRow & { plan_id: number };

/** Cameras placed on floor plans: a camera is on one plan at most, of its own place. */
export class PlanCameraService {
  constructor(
    private readonly planCameras: PlanCameraRepository,
    private readonly plans: PlanRepository,
    private readonly cameras: CameraRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /** A page of cameras for each plan. */
  async ofPlans(viewer: Viewer, planIds: readonly number[], args: PageArgs): Promise<Map<number, Page<PlanCameraRow>>> {
    requirePermission(viewer, 'plan_camera_read');
    const page = createdPage(args);
    const rows = (await this.cameras.ofPlans(planIds, visibilityOf(viewer), page)) as PlanCameraRow[];
    return pagesBy(planIds, rows, (row) => row.plan_id, page.limit, cameraKey);
  }

  /** Puts cameras on a plan: each must exist, be of the plan's place, and be on no plan yet. */
  async add(viewer: Viewer, planId: number, cameraIds: readonly string[]): Promise<void> {
    requirePermission(viewer, 'plan_camera_create');
    const plan = await this.plans.findById(planId, visibilityOf(viewer));
    if (!plan) throw new InvalidRequestError('Plan does not exist');
    const unique = [...new Set(cameraIds)];
    const cameras = await this.cameras.findByIds(unique.filter(isUuid), visibilityOf(viewer));
    if (cameras.length !== unique.length) throw new InvalidRequestError('Some of provided cameras do not exist');
    const onThisPlan = cameras.filter((c) => c.plan_id === planId).map((c) => c.id);
    if (onThisPlan.length > 0)
      throw new InvalidRequestError(`Cameras already added to this plan: ${onThisPlan.sort().join(', ')}`);
    const elsewhere = cameras.filter((c) => c.place_id !== plan.place_id).map((c) => c.id);
    if (elsewhere.length > 0)
      throw new InvalidRequestError(`Cameras belong to another place: ${elsewhere.sort().join(', ')}`);
    const onOtherPlans = cameras.filter((c) => c.plan_id !== null).map((c) => c.id);
    if (onOtherPlans.length > 0)
      throw new InvalidRequestError(`Cameras already on another plan: ${onOtherPlans.sort().join(', ')}`);
    await refusingRaces(() => this.planCameras.add(planId, unique), {
      unique: 'Some of provided cameras are already on a plan',
      foreignKey: 'Plan or some of provided cameras do not exist',
    });
    await this.audit.record(viewer, {
      actionType: 'plan_camera_create',
      organizationId: plan.organization_id,
      meta: { plan_id: planId, camera_ids: unique },
    });
  }

  /** Takes cameras off a plan; cameras not on it are ignored. */
  async remove(viewer: Viewer, planId: number, cameraIds: readonly string[]): Promise<void> {
    requirePermission(viewer, 'plan_camera_delete');
    const plan = await this.plans.findById(planId, visibilityOf(viewer));
    if (!plan) throw new InvalidRequestError('Plan does not exist');
    const removed = await this.planCameras.remove(planId, [...new Set(cameraIds)].filter(isUuid));
    if (removed.length > 0) {
      await this.audit.record(viewer, {
        actionType: 'plan_camera_delete',
        organizationId: plan.organization_id,
        meta: { plan_id: planId, camera_ids: removed },
      });
    }
  }

  /** Moves a camera on its plan: x and y are fractions of the image, null when unset. */
  async setPosition(
    viewer: Viewer,
    planId: number,
    cameraId: string,
    x: number | null,
    y: number | null,
  ): Promise<PlanCameraRow> {
    requirePermission(viewer, 'plan_camera_update');
    const position = {
      x: x === null ? null : numberIn(x, ['x'], 0, 1),
      y: y === null ? null : numberIn(y, ['y'], 0, 1),
    };
    const plan = await this.plans.findById(planId, visibilityOf(viewer));
    if (!plan) throw new NotFoundError('Plan not found');
    if (!isUuid(cameraId) || !(await this.planCameras.setPosition(planId, cameraId, position.x, position.y))) {
      throw new InvalidRequestError('Camera does not belong to the plan');
    }
    await this.audit.record(viewer, {
      actionType: 'plan_camera_update',
      organizationId: plan.organization_id,
      meta: { plan_id: planId, camera_id: cameraId, ...position },
    });
    return (await this.cameras.findById(cameraId)) as PlanCameraRow;
  }
}
