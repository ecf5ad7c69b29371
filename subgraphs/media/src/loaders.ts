import { byIdLoader, requireViewer, type Viewer } from '@argus/core';
import type { UploadRow } from './repositories/upload.repository.js';
import type { MediaServices } from './services/index.js';

/** Per-request batch loaders: the uploads of a page of faces cost one query. */
export function createLoaders(services: MediaServices, viewer: Viewer | undefined) {
  return {
    /** entity references from other parts: only what the caller may see */
    visibleUpload: byIdLoader<string, UploadRow>((ids) => services.uploads.visibleByIds(requireViewer(viewer), ids)),
    /** topology's cameras this part extends: only those topology lets the caller see */
    visibleCamera: byIdLoader<string, { id: string }>(async (ids) =>
      (await Promise.all(ids.map((id) => services.cameraReferences.visible(requireViewer(viewer), id)))).filter(
        (c) => c !== null,
      ),
    ),
  };
}

export type MediaLoaders = ReturnType<typeof createLoaders>;
