import DataLoader from 'dataloader';
import { byIdLoader, mapLoader, requireViewer, type Page, type Viewer } from '@argus/core';
import type { FaceImageRow } from './repositories/face-image.repository.js';
import type { FaceListRow } from './repositories/face-list.repository.js';
import type { FaceRow, ListedFaceRow } from './repositories/face.repository.js';
import type { PlateListRow } from './repositories/plate-list.repository.js';
import type { ListedPlateRow, PlateRow } from './repositories/plate.repository.js';
import type { WatchlistsServices } from './services/index.js';
import type { PageArgs } from './services/paging.js';

export interface ChildPage<K, A extends PageArgs> {
  readonly parent: K;
  readonly args: A;
}

/**
 * A page of children for many parents at once: keys asking with the same arguments
 * (page size, cursor) are answered by one query.
 */
function pagesOf<K extends string | number, A extends PageArgs, T>(
  load: (parents: K[], args: A) => Promise<Map<K, Page<T>>>,
): DataLoader<ChildPage<K, A>, Page<T>, string> {
  const keyOf = (key: ChildPage<K, A>) => JSON.stringify([key.parent, key.args]);
  return new DataLoader(async (keys) => {
    const byArgs = new Map<string, { args: A; parents: Set<K> }>();
    for (const key of keys) {
      const argsKey = JSON.stringify(key.args);
      const batch = byArgs.get(argsKey) ?? { args: key.args, parents: new Set<K>() };
      batch.parents.add(key.parent);
      byArgs.set(argsKey, batch);
    }
    const pages = new Map<string, Page<T>>();
    await Promise.all([...byArgs.values()].map(async (batch) => {
      for (const [parent, page] of await load([...batch.parents], batch.args)) pages.set(keyOf({ parent, args: batch.args }), page);
    }));
    return keys.map((key) => pages.get(keyOf(key)) ?? { items: [] });
  }, { cacheKeyFn: keyOf });
}

/** Per-request batch loaders: a page of faces costs one query per related table, not one per face. */
export function createLoaders(services: WatchlistsServices, viewer: Viewer | undefined) {
  const caller = () => requireViewer(viewer);
  return {
    face: byIdLoader<number, FaceRow>((ids) => services.faces.findByIds(ids)),
    faceCount: mapLoader((ids: readonly number[]) => services.faceLists.faceCounts(ids), 0),
    plateCount: mapLoader((ids: readonly number[]) => services.plateLists.plateCounts(ids), 0),
    /** entity references from other parts: only what the caller may see */
    visibleFace: byIdLoader<number, FaceRow>((ids) => services.faces.visibleByIds(caller(), ids)),
    visibleFaceList: byIdLoader<number, FaceListRow>((ids) => services.faceLists.visibleByIds(caller(), ids)),
    visiblePlate: byIdLoader<number, PlateRow>((ids) => services.plates.visibleByIds(caller(), ids)),
    visiblePlateList: byIdLoader<number, PlateListRow>((ids) => services.plateLists.visibleByIds(caller(), ids)),
    imagesOfFace: pagesOf<number, PageArgs, FaceImageRow>((ids, args) => services.faceImages.ofFaces(ids, args)),
    facesOfFaceList: pagesOf<number, PageArgs, ListedFaceRow>((ids, args) => services.faces.ofFaceLists(caller(), ids, args)),
    platesOfPlateList: pagesOf<number, PageArgs, ListedPlateRow>((ids, args) => services.plates.ofPlateLists(caller(), ids, args)),
  };
}

export type WatchlistsLoaders = ReturnType<typeof createLoaders>;
