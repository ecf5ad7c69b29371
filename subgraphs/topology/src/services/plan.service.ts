import {
  type AuditRecorder,
  idPage,
  InvalidRequestError,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  toPage,
  type UploadCatalog,
  type Viewer,
} from '@argus/core';
import type { PlaceRepository } from '../repositories/place.repository.js';
import type { PlanCameraRepository } from '../repositories/plan-camera.repository.js';
import type { PlanRepository, PlanRow } from '../repositories/plan.repository.js';
import { refusingRaces } from './constraint-errors.js';
import { text } from './field-rules.js';
import { searchText } from './paging.js';
import { visibilityOf } from './visibility.js';

const PLACE_GONE = 'Provided place does not exist';

export interface PlanInput {
  readonly name: string;
  readonly placeId: number;
  /** an upload of kind `plan`: the floor plan image */
  readonly imageId: string;
}

export interface PlanListArgs extends PageArgs {
  readonly query?: string | null;
  readonly groupId?: number | null;
  readonly placeId?: number | null;
}

/** Floor plans of places: an image the cameras of the place are positioned on. */
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly places: PlaceRepository,
    private readonly planCameras: PlanCameraRepository,
    private readonly uploads: UploadCatalog,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: PlanListArgs): Promise<Page<PlanRow>> {
    requirePermission(viewer, 'plan_read');
    const page = idPage(args);
    const rows = await this.plans.list(
      visibilityOf(viewer),
      {
        nameContains: searchText(args.query),
        groupId: args.groupId ?? undefined,
        placeId: args.placeId ?? undefined,
      },
      page,
    );
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<PlanRow | undefined> {
    requirePermission(viewer, 'plan_read');
    return this.plans.findById(id, visibilityOf(viewer));
  }

  /** A page of plans for each place. */
  async ofPlaces(viewer: Viewer, placeIds: readonly number[], args: PageArgs): Promise<Map<number, Page<PlanRow>>> {
    requirePermission(viewer, 'place_plan_read');
    const page = idPage(args);
    const rows = await this.plans.ofPlaces(placeIds, visibilityOf(viewer), page);
    return pagesBy(
      placeIds,
      rows,
      (row) => row.place_id,
      page.limit,
      (row) => [row.id],
    );
  }

  /** Plans the caller may see, for references from other parts. */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<PlanRow[]> {
    return this.plans.findByIds(ids, visibilityOf(viewer));
  }

  findByIds(ids: readonly number[]): Promise<PlanRow[]> {
    return this.plans.findByIds(ids);
  }

  async create(viewer: Viewer, input: PlanInput): Promise<PlanRow> {
    requirePermission(viewer, 'plan_create');
    const name = text(input.name, ['input', 'name'], 255);
    const place = await this.places.findById(input.placeId, visibilityOf(viewer));
    if (!place) throw new InvalidRequestError('Provided place does not exist');
    await this.checkImage(viewer, input.imageId);
    const plan = await refusingRaces(
      () =>
        this.plans.create({
          name,
          place_id: place.id,
          organization_id: place.organization_id,
          image_id: input.imageId,
        }),
      { foreignKey: PLACE_GONE },
    );
    await this.audit.record(viewer, {
      actionType: 'plan_create',
      organizationId: plan.organization_id,
      meta: { plan_id: plan.id, place_id: plan.place_id, name: plan.name },
    });
    return plan;
  }

  async update(viewer: Viewer, id: number, input: PlanInput): Promise<PlanRow> {
    requirePermission(viewer, 'plan_update');
    const name = text(input.name, ['input', 'name'], 255);
    const existing = await this.plans.findById(id, visibilityOf(viewer));
    if (!existing) throw new NotFoundError('Plan not found');
    const place = await this.places.findById(input.placeId, visibilityOf(viewer));
    if (!place) throw new InvalidRequestError('Provided place does not exist');
    if (place.id !== existing.place_id && (await this.planCameras.countOnPlan(id)) > 0) {
      throw new InvalidRequestError(
        'Plan has cameras of its place: remove them before moving the plan to another place',
      );
    }
    if (input.imageId !== existing.image_id) await this.checkImage(viewer, input.imageId);
    const plan = await refusingRaces(
      () =>
        this.plans.update(id, {
          name,
          place_id: place.id,
          organization_id: place.organization_id,
          image_id: input.imageId,
        }),
      { foreignKey: PLACE_GONE },
    );
    // deleted by a concurrent request meanwhile
    if (!plan) throw new NotFoundError('Plan not found');
    await this.audit.record(viewer, {
      actionType: 'plan_update',
      organizationId: existing.organization_id,
      meta: { plan_id: id },
    });
    return plan;
  }

  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'plan_delete');
    const existing = await this.plans.findById(id, visibilityOf(viewer));
    if (!existing) throw new NotFoundError('Plan not found');
    if ((await this.planCameras.countOnPlan(id)) > 0) throw new InvalidRequestError('Plan has cameras');
    await refusingRaces(() => this.plans.delete(id), { foreignKey: 'Plan has cameras' });
    await this.audit.record(viewer, {
      actionType: 'plan_delete',
      organizationId: existing.organization_id,
      meta: { plan_id: id, name: existing.name },
    });
  }

  /** The plan image must be an upload of kind `plan` (the uploads catalog answers; see app.ts). */
  private async checkImage(viewer: Viewer, imageId: string): Promise<void> {
    if (!imageId || !(await this.uploads.exists(imageId, 'plan', viewer)))
      throw new InvalidRequestError('Provided image does not exist');
  }
}
