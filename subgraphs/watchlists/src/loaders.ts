import {
  byIdLoader,
  childPagesLoader,
  mapLoader,
  type PageArgs,
  referenceLoader,
  requireViewer,
  type Viewer,
} from '@argus/core';
import type { FaceImageRow } from './repositories/face-image.repository.js';
import type { FaceRow, ListedFaceRow } from './repositories/face.repository.js';
import type { ListedPlateRow } from './repositories/plate.repository.js';
import type { WatchlistsServices } from './services/index.js';

/** Per-request batch loaders: a page of faces costs one query per related table, not one per face. */
export function createLoaders(services: WatchlistsServices, viewer: Viewer | undefined) {
  const caller = () => requireViewer(viewer);
  return {
    face: byIdLoader<number, FaceRow>((ids) => services.faces.findByIds(ids)),
    faceCount: mapLoader((ids: readonly number[]) => services.faceLists.memberCounts(ids), 0),
    plateCount: mapLoader((ids: readonly number[]) => services.plateLists.memberCounts(ids), 0),
    visibleFace: referenceLoader(caller, 'face_read', (v, ids: readonly number[]) =>
      services.faces.visibleByIds(v, ids),
    ),
    visibleFaceList: referenceLoader(caller, 'facelist_read', (v, ids: readonly number[]) =>
      services.faceLists.visibleByIds(v, ids),
    ),
    visiblePlate: referenceLoader(caller, 'plate_read', (v, ids: readonly number[]) =>
      services.plates.visibleByIds(v, ids),
    ),
    visiblePlateList: referenceLoader(caller, 'platelist_read', (v, ids: readonly number[]) =>
      services.plateLists.visibleByIds(v, ids),
    ),
    /** the media part's uploads as watchlists refers to them (face and vehicle images the caller sees) */
    visibleUpload: byIdLoader<string, { id: string }>(async (ids) =>
      (
        await Promise.all(
          ids.map(async (id) => ((await services.uploadReferences.visible(caller(), id)) ? [{ id }] : [])),
        )
      ).flat(),
    ),
    imagesOfFace: childPagesLoader<number, PageArgs, FaceImageRow>((ids, args) =>
      services.faceImages.ofFaces(ids, args),
    ),
    facesOfFaceList: childPagesLoader<number, PageArgs, ListedFaceRow>((ids, args) =>
      services.faces.ofFaceLists(caller(), ids, args),
    ),
    platesOfPlateList: childPagesLoader<number, PageArgs, ListedPlateRow>((ids, args) =>
      services.plates.ofPlateLists(caller(), ids, args),
    ),
  };
}

export type WatchlistsLoaders = ReturnType<typeof createLoaders>;
