import { byIdLoader, callerLoaders, childPagesLoader, mapLoader, type PageArgs, type Viewer } from '@argus/core';
import type { FaceImageRow } from './repositories/face-image.repository.js';
import type { FaceRow, ListedFaceRow } from './repositories/face.repository.js';
import type { ListedPlateRow } from './repositories/plate.repository.js';
import type { WatchlistsServices } from './services/index.js';

/** Per-request batch loaders: a page of faces costs one query per related table, not one per face. */
export function createLoaders(services: WatchlistsServices, viewer: Viewer | undefined) {
  const { caller, visible, pagesOf } = callerLoaders(viewer);
  const { faces, faceLists, plates, plateLists } = services;
  return {
    face: byIdLoader<number, FaceRow>((ids) => faces.findByIds(ids)),
    faceCount: mapLoader((ids: readonly number[]) => faceLists.memberCounts(ids), 0),
    plateCount: mapLoader((ids: readonly number[]) => plateLists.memberCounts(ids), 0),
    visibleFace: visible('face_read', faces),
    visibleFaceList: visible('facelist_read', faceLists),
    visiblePlate: visible('plate_read', plates),
    visiblePlateList: visible('platelist_read', plateLists),
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
    facesOfFaceList: pagesOf<number, PageArgs, ListedFaceRow>((v, ids, args) => faces.ofFaceLists(v, ids, args)),
    platesOfPlateList: pagesOf<number, PageArgs, ListedPlateRow>((v, ids, args) => plates.ofPlateLists(v, ids, args)),
  };
}

export type WatchlistsLoaders = ReturnType<typeof createLoaders>;
