import { byIdLoader, callerLoaders, mapLoader, type PageArgs, type Viewer } from '@argus/core';
import type { CameraRow } from './repositories/camera.repository.js';
import type { PlaceRow } from './repositories/place.repository.js';
import type { PlanRow } from './repositories/plan.repository.js';
import type { TopologyServices } from './services/index.js';
import type { PlanCameraRow } from './services/plan-camera.service.js';

/** Per-request batch loaders: a page of cameras costs one query per related table, not one per camera. */
export function createLoaders(services: TopologyServices, viewer: Viewer | undefined) {
  const { caller, visible, pagesOf } = callerLoaders(viewer);
  const { places, plans, cameras } = services;
  return {
    place: byIdLoader<number, PlaceRow>((ids) => places.findByIds(ids)),
    plan: byIdLoader<number, PlanRow>((ids) => plans.findByIds(ids)),
    planCount: mapLoader((ids: readonly number[]) => places.planCounts(ids), 0),
    cameraCount: mapLoader((ids: readonly number[]) => places.cameraCounts(ids), 0),
    visiblePlace: visible('place_read', places),
    visiblePlan: visible('plan_read', plans),
    visibleCamera: visible('camera_read', cameras),
    /** identity's groups the caller's organization scope allows (identity decides) */
    visibleGroup: byIdLoader<number, { id: number }>(async (ids) =>
      (await services.groupPlaces.visibleGroups(caller(), ids)).map((id) => ({ id })),
    ),
    plansOfPlace: pagesOf<number, PageArgs, PlanRow>((v, ids, args) => plans.ofPlaces(v, ids, args)),
    camerasOfPlace: pagesOf<number, PageArgs & { withoutPlans: boolean }, CameraRow>((v, ids, args) =>
      cameras.ofPlaces(v, ids, args),
    ),
    camerasOfPlan: pagesOf<number, PageArgs, PlanCameraRow>((v, ids, args) =>
      services.planCameras.ofPlans(v, ids, args),
    ),
    placesOfGroup: pagesOf<number, PageArgs, PlaceRow>((v, ids, args) => places.ofGroups(v, ids, args)),
    placeCountOfGroup: mapLoader((ids: readonly number[]) => places.countsOfGroups(caller(), ids), 0),
  };
}

export type TopologyLoaders = ReturnType<typeof createLoaders>;
