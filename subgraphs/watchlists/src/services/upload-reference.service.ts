import type { Viewer } from '@argus/core';
import type { UploadChecker } from './upload-checker.js';

/** The kinds of upload watchlists refers to: face images and vehicle images. */
const REFERENCED_KINDS = ['face_image', 'vehicle_image'] as const;

/** References to the media part's uploads (the Upload entity watchlists extends): only those the caller sees. */
export class UploadReferenceService {
  constructor(private readonly uploads: UploadChecker) {}

  /** Whether the upload is a face or vehicle image of the caller's organization (any organization for superusers). */
  async visible(viewer: Viewer, uploadId: string): Promise<boolean> {
    for (const kind of REFERENCED_KINDS) if (await this.uploads.exists(uploadId, kind, viewer)) return true;
    return false;
  }
}
