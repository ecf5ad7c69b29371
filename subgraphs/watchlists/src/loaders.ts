import DataLoader from 'dataloader';
import {
  byIdLoader,
  holdsPermission,
  mapLoader,
  requireViewer,
  type Page,
  type Permission,
  type Viewer,
} from '@argus/core';
import type { FaceImageRow } from './repositories/face-image.repository.js';
import type { FaceRow, ListedFaceRow } from './repositories/face.repository.js';
import type { ListedPlateRow } from './repositories/plate.repository.js';
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

/** Per-request batch loaders: a page of faces costs one query per related table, not one per face. */
export function createLoaders(services: WatchlistsServices, viewer: Viewer | undefined) {
  const caller = () => requireViewer(viewer);
  /** entity references (`_entities`): the rows the caller sees, none without the permission the part's queries need */
  const references = <T extends { id: number }>(
    permission: Permission,
    load: (caller: Viewer, ids: readonly number[]) => Promise<T[]>,
  ) => byIdLoader<number, T>(async (ids) => (holdsPermission(caller(), permission) ? load(caller(), ids) : []));
  return {
    face: byIdLoader<number, FaceRow>((ids) => services.faces.findByIds(ids)),
    faceCount: mapLoader((ids: readonly number[]) => services.faceLists.faceCounts(ids), 0),
    plateCount: mapLoader((ids: readonly number[]) => services.plateLists.plateCounts(ids), 0),
    visibleFace: references('face_read', (v, ids) => services.faces.visibleByIds(v, ids)),
    visibleFaceList: references('facelist_read', (v, ids) => services.faceLists.visibleByIds(v, ids)),
    visiblePlate: references('plate_read', (v, ids) => services.plates.visibleByIds(v, ids)),
    visiblePlateList: references('platelist_read', (v, ids) => services.plateLists.visibleByIds(v, ids)),
    /** the media part's uploads as watchlists refers to them (face and vehicle images the caller sees) */
    visibleUpload: byIdLoader<string, { id: string }>(async (ids) =>
      (
        await Promise.all(
          ids.map(async (id) => ((await services.uploadReferences.visible(caller(), id)) ? [{ id }] : [])),
        )
      ).flat(),
    ),
    imagesOfFace: pagesOf<number, PageArgs, FaceImageRow>((ids, args) => services.faceImages.ofFaces(ids, args)),
    facesOfFaceList: pagesOf<number, PageArgs, ListedFaceRow>((ids, args) =>
      services.faces.ofFaceLists(caller(), ids, args),
    ),
    platesOfPlateList: pagesOf<number, PageArgs, ListedPlateRow>((ids, args) =>
      services.plates.ofPlateLists(caller(), ids, args),
    ),
  };
}

export type WatchlistsLoaders = ReturnType<typeof createLoaders>;
