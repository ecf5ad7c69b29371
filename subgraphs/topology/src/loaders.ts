import DataLoader from 'dataloader';
import { holdsPermission, requireViewer, type Page, type Permission, type Viewer } from '@argus/core';
import type { CameraRow } from './repositories/camera.repository.js';
import type { PlaceRow } from './repositories/place.repository.js';
import type { PlanRow } from './repositories/plan.repository.js';
import type { TopologyServices } from './services/index.js';
import type { PageArgs } from './services/paging.js';
import type { PlanCameraRow } from './services/plan-camera.service.js';

function byId<K extends string | number, T extends { id: K }>(
  load: (ids: readonly K[]) => Promise<T[]>,
): DataLoader<K, T | undefined> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });
}

function countBy<K>(load: (ids: readonly K[]) => Promise<Map<K, number>>): DataLoader<K, number> {
  return new DataLoader(async (ids) => {
    const counts = await load(ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

export interface ChildPage<K, A extends PageArgs> {
  readonly parent: K;
  readonly args: A;
}

/**
 * A page of children for many parents at once: keys asking with the same arguments
 * (page size, cursor, filters) are answered by one query.
 */
function pagesOf<K extends string | number, A extends PageArgs, T>(
  load: (parents: K[], args: A) => Promise<Map<K, Page<T>>>,
): DataLoader<ChildPage<K, A>, Page<T>, string> {
  const keyOf = (key: ChildPage<K, A>) => JSON.stringify([key.parent, key.args]);
  return new DataLoader(
    async (keys) => {
      const byArgs = new Map<string, { args: A; parents: Set<K> }>();
      for (const key of keys) {
        const argsKey = JSON.stringify(key.args);
        const batch = byArgs.get(argsKey) ?? { args: key.args, parents: new Set<K>() };
        batch.parents.add(key.parent);
        byArgs.set(argsKey, batch);
      }
      const pages = new Map<string, Page<T>>();
      await Promise.all(
        [...byArgs.values()].map(async (batch) => {
          for (const [parent, page] of await load([...batch.parents], batch.args))
            pages.set(keyOf({ parent, args: batch.args }), page);
        }),
      );
      return keys.map((key) => pages.get(keyOf(key)) ?? { items: [] });
    },
    { cacheKeyFn: keyOf },
  );
}

/** Per-request batch loaders: a page of cameras costs one query per related table, not one per camera. */
export function createLoaders(services: TopologyServices, viewer: Viewer | undefined) {
  const caller = () => requireViewer(viewer);
  /** entity references (`_entities`): the rows the caller sees, none without the permission the part's queries need */
  const references = <K extends string | number, T extends { id: K }>(
    permission: Permission,
    load: (caller: Viewer, ids: readonly K[]) => Promise<T[]>,
  ) => byId<K, T>(async (ids) => (holdsPermission(caller(), permission) ? load(caller(), ids) : []));
  return {
    place: byId<number, PlaceRow>((ids) => services.places.findByIds(ids)),
    plan: byId<number, PlanRow>((ids) => services.plans.findByIds(ids)),
    planCount: countBy<number>((ids) => services.places.planCounts(ids)),
    cameraCount: countBy<number>((ids) => services.places.cameraCounts(ids)),
    visiblePlace: references('place_read', (v, ids: readonly number[]) => services.places.visibleByIds(v, ids)),
    visiblePlan: references('plan_read', (v, ids: readonly number[]) => services.plans.visibleByIds(v, ids)),
    visibleCamera: references('camera_read', (v, ids: readonly string[]) => services.cameras.visibleByIds(v, ids)),
    /** identity's groups the caller's organization scope allows (identity decides) */
    visibleGroup: byId<number, { id: number }>(async (ids) =>
      (await services.groupPlaces.visibleGroups(caller(), ids)).map((id) => ({ id })),
    ),
    plansOfPlace: pagesOf<number, PageArgs, PlanRow>((ids, args) => services.plans.ofPlaces(caller(), ids, args)),
    camerasOfPlace: pagesOf<number, PageArgs & { withoutPlans: boolean }, CameraRow>((ids, args) =>
      services.cameras.ofPlaces(caller(), ids, args),
    ),
    camerasOfPlan: pagesOf<number, PageArgs, PlanCameraRow>((ids, args) =>
      services.planCameras.ofPlans(caller(), ids, args),
    ),
    placesOfGroup: pagesOf<number, PageArgs, PlaceRow>((ids, args) => services.places.ofGroups(caller(), ids, args)),
    placeCountOfGroup: countBy<number>((ids) => services.places.countsOfGroups(caller(), ids)),
  };
}

export type TopologyLoaders = ReturnType<typeof createLoaders>;
