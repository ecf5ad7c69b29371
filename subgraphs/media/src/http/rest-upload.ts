import { uploadContentUrl, type UploadKind, type UploadRecord } from '@argus/core';
import type { UploadRow } from '../repositories/upload.repository.js';
import type { FaceMeta } from '../services/face-meta.js';

/** An upload in the REST upload model (also inside faces[].images and the like). */
export interface RestUpload {
  id: string;
  kind: UploadKind;
  mime_type: string;
  original_id: string | null;
  created_at: string;
  url: string | null;
  meta: FaceMeta | null;
}

export function toRestUpload(row: UploadRow): RestUpload {
  return {
    id: row.id,
    kind: row.kind,
    mime_type: row.mime_type,
    original_id: row.original_id,
    created_at: new Date(row.created_at).toISOString(),
    url: uploadContentUrl(row.id),
    meta: row.meta ?? null,
  };
}

/** What other parts get from the internal lookup: the REST model plus owner, size and digest. */
export function toUploadRecord(row: UploadRow): UploadRecord {
  return { ...toRestUpload(row), organization_id: row.organization_id, size: row.size, sha256: row.sha256 };
}
