import {
  type AuditRecorder,
  idPage,
  InvalidRequestError,
  isUniqueViolation,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  type Viewer,
} from '@argus/core';
import type { FaceImageRepository, FaceImageRow } from '../repositories/face-image.repository.js';
import type { FaceRepository, FaceRow } from '../repositories/face.repository.js';
import { listOf, text } from './field-rules.js';
import { actingIn, type UploadChecker } from './upload-checker.js';
import { scopeOf } from './scope.js';

/** At most this many image ids in one attach or detach. */
const MAX_IMAGES = 100;

/** Images of faces: uploads of kind face_image, each attached to one face at most. */
export class FaceImageService {
  constructor(
    private readonly images: FaceImageRepository,
    private readonly faces: FaceRepository,
    private readonly uploads: UploadChecker,
    private readonly audit: AuditRecorder,
  ) {}

  /** The images of one face; undefined when the face is not visible. */
  async list(viewer: Viewer, faceId: number, args: PageArgs): Promise<Page<FaceImageRow> | undefined> {
    requirePermission(viewer, 'faceimage_read');
    const face = await this.faces.findById(faceId, scopeOf(viewer));
    if (!face) return undefined;
    return (await this.ofFaces([faceId], args)).get(faceId);
  }

  /** A page of images for each face; the images are part of a face the caller was shown. */
  async ofFaces(faceIds: readonly number[], args: PageArgs): Promise<Map<number, Page<FaceImageRow>>> {
    const page = idPage(args);
    const rows = await this.images.ofFaces(faceIds, page);
    return pagesBy(
      faceIds,
      rows,
      (row) => row.face_id,
      page.limit,
      (row) => [row.id],
    );
  }

  /** Attaches uploads to a face: unknown uploads or another organization's answer 404, uploads already attached to a face 400. */
  async attach(viewer: Viewer, faceId: number, imageIds: readonly string[]): Promise<FaceRow> {
    requirePermission(viewer, 'faceimage_create');
    const ids = uniqueIds(imageIds);
    const face = await this.faces.findById(faceId, scopeOf(viewer));
    if (!face) throw new NotFoundError('Face not found');
    // a face's images are uploads of the face's organization, whoever attaches them
    const known = await Promise.all(
      ids.map((id) => this.uploads.exists(id, 'face_image', actingIn(viewer, face.organization_id))),
    );
    const unknown = ids.filter((_, i) => !known[i]);
    if (unknown.length > 0) throw new NotFoundError(`Images not found: ${unknown.sort().join(', ')}`);
    const attached = await this.images.attached(ids);
    if (attached.length > 0) throw new InvalidRequestError(`Images already attached to a face: ${attached.join(', ')}`);
    await this.images.add(faceId, ids).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new InvalidRequestError('Images already attached to a face') : error;
    });
    if (ids.length > 0) {
      await this.audit.record(viewer, {
        actionType: 'faceimage_create',
        organizationId: face.organization_id,
        meta: { face_id: faceId, image_ids: ids },
      });
    }
    return face;
  }

  /** Detaches uploads from a face; ids not attached to it are ignored. */
  async detach(viewer: Viewer, faceId: number, imageIds: readonly string[]): Promise<FaceRow> {
    requirePermission(viewer, 'faceimage_delete');
    const ids = uniqueIds(imageIds);
    const face = await this.faces.findById(faceId, scopeOf(viewer));
    if (!face) throw new NotFoundError('Face not found');
    const removed = await this.images.remove(faceId, ids);
    if (removed.length > 0) {
      await this.audit.record(viewer, {
        actionType: 'faceimage_delete',
        organizationId: face.organization_id,
        meta: { face_id: faceId, image_ids: removed },
      });
    }
    return face;
  }
}

function uniqueIds(imageIds: readonly string[]): string[] {
  return [...new Set(listOf(imageIds, ['imageIds'], MAX_IMAGES, (id, path) => text(id, path, 255)))];
}
