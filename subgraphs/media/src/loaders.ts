import { byIdLoader, requireViewer, type Viewer } from '@argus/core';
import type { UploadRow } from './repositories/upload.repository.js';
import type { MediaServices } from './services/index.js';

/** Per-request batch loaders: the uploads of a page of faces cost one query. */
export function createLoaders(services: MediaServices, viewer: Viewer | undefined) {
  return {
    /** entity references from other parts: only what the caller may see */
    visibleUpload: byIdLoader<string, UploadRow>((ids) => services.uploads.visibleByIds(requireViewer(viewer), ids)),
  };
}

export type MediaLoaders = ReturnType<typeof createLoaders>;
