import {
  byIdLoader,
  childPagesLoader,
  mapLoader,
  type PageArgs,
  referenceLoader,
  requireViewer,
  type Viewer,
} from '@argus/core';
import type { CameraRow } from './repositories/camera.repository.js';
import type { PlaceRow } from './repositories/place.repository.js';
import type { PlanRow } from './repositories/plan.repository.js';
import type { TopologyServices } from './services/index.js';
import type { PlanCameraRow } from './services/plan-camera.service.js';

/** Per-request batch loaders: a page of cameras costs one query per related table, not one per camera. */
export function createLoaders(services: TopologyServices, viewer: Viewer | undefined) {
  const caller = () => requireViewer(viewer);
  return {
    place: byIdLoader<number, PlaceRow>((ids) => services.places.findByIds(ids)),
    plan: byIdLoader<number, PlanRow>((ids) => services.plans.findByIds(ids)),
    planCount: mapLoader((ids: readonly number[]) => services.places.planCounts(ids), 0),
    cameraCount: mapLoader((ids: readonly number[]) => services.places.cameraCounts(ids), 0),
    visiblePlace: referenceLoader(caller, 'place_read', (v, ids: readonly number[]) =>
      services.places.visibleByIds(v, ids),
    ),
    visiblePlan: referenceLoader(caller, 'plan_read', (v, ids: readonly number[]) =>
      services.plans.visibleByIds(v, ids),
    ),
    visibleCamera: referenceLoader(caller, 'camera_read', (v, ids: readonly string[]) =>
      services.cameras.visibleByIds(v, ids),
    ),
    /** identity's groups the caller's organization scope allows (identity decides) */
    visibleGroup: byIdLoader<number, { id: number }>(async (ids) =>
      (await services.groupPlaces.visibleGroups(caller(), ids)).map((id) => ({ id })),
    ),
    plansOfPlace: childPagesLoader<number, PageArgs, PlanRow>((ids, args) =>
      services.plans.ofPlaces(caller(), ids, args),
    ),
    camerasOfPlace: childPagesLoader<number, PageArgs & { withoutPlans: boolean }, CameraRow>((ids, args) =>
      services.cameras.ofPlaces(caller(), ids, args),
    ),
    camerasOfPlan: childPagesLoader<number, PageArgs, PlanCameraRow>((ids, args) =>
      services.planCameras.ofPlans(caller(), ids, args),
    ),
    placesOfGroup: childPagesLoader<number, PageArgs, PlaceRow>((ids, args) =>
      services.places.ofGroups(caller(), ids, args),
    ),
    placeCountOfGroup: mapLoader((ids: readonly number[]) => services.places.countsOfGroups(caller(), ids), 0),
  };
}

export type TopologyLoaders = ReturnType<typeof createLoaders>;
