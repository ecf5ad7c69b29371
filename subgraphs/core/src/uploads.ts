/** Kinds of uploaded files (REST 25.1 `kind`). */
export const UPLOAD_KINDS = ['avatar', 'face_image', 'vehicle_image', 'plan', 'camera_snapshot', 'logo'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/**
 * How a part checks that an id it is given (avatar, logo, plan image…) names an upload.
 * The uploads domain lives in the media subgraph; until it exists every reference is unknown,
 * so any given upload id is refused — the single place the uploads work replaces.
 */
export interface UploadCatalog {
  exists(uploadId: string, kind: UploadKind): Promise<boolean>;
}

export const noUploads: UploadCatalog = {
  exists: async () => false,
};

/** Where an upload's content is served (REST 25.3). */
export function uploadContentUrl(uploadId: string | null | undefined): string | null {
  return uploadId ? `/api/v1/uploads/${encodeURIComponent(uploadId)}/content` : null;
}
