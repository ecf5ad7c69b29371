import type { Viewer } from './auth/viewer.js';

/** Kinds of uploaded files (what an upload is for). */
export const UPLOAD_KINDS = ['avatar', 'face_image', 'vehicle_image', 'plan', 'camera_snapshot', 'logo'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/**
 * How a part checks that an id it is given (avatar, logo, plan image…) names an upload of a kind.
 * Given the caller, only uploads of the caller's organization count (every organization for
 * superusers). The media part answers (RemoteUploadCatalog, or its app's catalog in one process).
 */
export interface UploadCatalog {
  exists(uploadId: string, kind: UploadKind, viewer?: Viewer): Promise<boolean>;
}

/** A catalog that knows no upload (tests of parts that do not need uploads). */
export const noUploads: UploadCatalog = {
  exists: async () => false,
};

/** Where an upload's content is served. */
export function uploadContentUrl(uploadId: string | null | undefined): string | null {
  return uploadId ? `/api/v1/uploads/${encodeURIComponent(uploadId)}/content` : null;
}
