import {
  type AuditRecorder,
  idPage,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  searchText,
  toPage,
  type Viewer,
} from '@argus/core';
import type { Sex } from '../db.js';
import type { FaceRepository, FaceRow, ListedFaceRow } from '../repositories/face.repository.js';
import { optionalDate, optionalText } from './field-rules.js';
import type { IdentityDirectory } from './identity-directory.js';
import { scopeOf, targetOrganization } from './scope.js';

export interface FaceInput {
  readonly fullName?: string | null;
  readonly sex?: Sex | null;
  /** YYYY-MM-DD */
  readonly birthDate?: string | null;
  readonly documentNumber?: string | null;
}

export interface FaceListArgs extends PageArgs {
  /** case-insensitive inclusion in the full name */
  readonly fullName?: string | null;
  readonly organizationId?: number | null;
}

/** People to recognise: a name, personal details and their images. */
export class FaceService {
  constructor(
    private readonly faces: FaceRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: FaceListArgs): Promise<Page<FaceRow>> {
    requirePermission(viewer, 'face_read');
    const page = idPage(args);
    const rows = await this.faces.list(
      scopeOf(viewer),
      {
        fullNameContains: searchText(args.fullName, ['fullName']),
        organizationId: args.organizationId ?? undefined,
      },
      page,
    );
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<FaceRow | undefined> {
    requirePermission(viewer, 'face_read');
    return this.faces.findById(id, scopeOf(viewer));
  }

  /** Faces the caller may see, for references from other parts (the referring object was authorized there). */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<FaceRow[]> {
    return this.faces.findByIds(ids, scopeOf(viewer));
  }

  findByIds(ids: readonly number[]): Promise<FaceRow[]> {
    return this.faces.findByIds(ids);
  }

  async create(viewer: Viewer, input: FaceInput, organizationId?: number | null): Promise<FaceRow> {
    requirePermission(viewer, 'face_create');
    const values = faceValues(input);
    const orgId = await targetOrganization(viewer, organizationId, this.identity);
    const face = await this.faces.create({ organization_id: orgId, ...values });
    await this.audit.record(viewer, { actionType: 'face_create', organizationId: orgId, meta: { face_id: face.id } });
    return face;
  }

  async update(viewer: Viewer, id: number, input: FaceInput): Promise<FaceRow> {
    requirePermission(viewer, 'face_update');
    const values = faceValues(input);
    const existing = await this.faces.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Face not found');
    const face = await this.faces.update(id, values);
    await this.audit.record(viewer, {
      actionType: 'face_update',
      organizationId: existing.organization_id,
      meta: { face_id: id },
    });
    return face!;
  }

  /** Deletes the face; its images are detached and it leaves every list it was in. */
  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'face_delete');
    const existing = await this.faces.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Face not found');
    await this.faces.delete(id);
    await this.audit.record(viewer, {
      actionType: 'face_delete',
      organizationId: existing.organization_id,
      meta: { face_id: id },
    });
  }

  /** A page of faces for each face list. */
  async ofFaceLists(
    viewer: Viewer,
    listIds: readonly number[],
    args: PageArgs,
  ): Promise<Map<number, Page<ListedFaceRow>>> {
    requirePermission(viewer, 'facelist_face_read');
    const page = idPage(args);
    const rows = await this.faces.ofFaceLists(listIds, page);
    return pagesBy(
      listIds,
      rows,
      (row) => row.face_list_id,
      page.limit,
      (row) => [row.id],
    );
  }
}

function faceValues(input: FaceInput) {
  return {
    full_name: optionalText(input.fullName, ['input', 'fullName'], 128),
    sex: input.sex ?? null,
    birth_date: optionalDate(input.birthDate, ['input', 'birthDate']),
    document_number: optionalText(input.documentNumber, ['input', 'documentNumber'], 128),
  };
}
