import {
  type AuditRecorder,
  idPage,
  InvalidRequestError,
  isUniqueViolation,
  NotFoundError,
  type Page,
  type PageArgs,
  requirePermission,
  toPage,
  type Viewer,
} from '@argus/core';
import type { FaceListRepository, FaceListRow } from '../repositories/face-list.repository.js';
import type { FaceRepository } from '../repositories/face.repository.js';
import type { IdentityDirectory } from './identity-directory.js';
import { nameFilter, watchlistValues, type WatchlistInput, type WatchlistListArgs } from './list-rules.js';
import { scopeOf, targetOrganization } from './scope.js';

const DUPLICATE = 'Face list with provided name already exists';

/** Face lists: named, prioritised sets of faces of one organization (REST 4.1–4.8). */
export class FaceListService {
  constructor(
    private readonly lists: FaceListRepository,
    private readonly faces: FaceRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: WatchlistListArgs & PageArgs): Promise<Page<FaceListRow>> {
    requirePermission(viewer, 'facelist_read');
    const page = idPage(args);
    const rows = await this.lists.list(
      scopeOf(viewer),
      { name: nameFilter(args.name), organizationId: args.organizationId ?? undefined },
      page,
    );
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<FaceListRow | undefined> {
    requirePermission(viewer, 'facelist_read');
    return this.lists.findById(id, scopeOf(viewer));
  }

  /** Face lists the caller may see, for references from other parts. */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<FaceListRow[]> {
    return this.lists.findByIds(ids, scopeOf(viewer));
  }

  faceCounts(listIds: readonly number[]): Promise<Map<number, number>> {
    return this.lists.faceCounts(listIds);
  }

  async create(viewer: Viewer, input: WatchlistInput, organizationId?: number | null): Promise<FaceListRow> {
    requirePermission(viewer, 'facelist_create');
    const values = watchlistValues(input);
    const orgId = await targetOrganization(viewer, organizationId, this.identity);
    if (await this.lists.findByName(orgId, values.name)) throw new InvalidRequestError(DUPLICATE);
    const list = await this.lists.create({ organization_id: orgId, ...values }).catch(duplicate);
    await this.audit.record(viewer, {
      actionType: 'facelist_create',
      organizationId: orgId,
      meta: { facelist_id: list.id, name: list.name },
    });
    return list;
  }

  async update(viewer: Viewer, id: number, input: WatchlistInput): Promise<FaceListRow> {
    requirePermission(viewer, 'facelist_update');
    const values = watchlistValues(input);
    const existing = await this.lists.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Face list not found');
    const namesake = await this.lists.findByName(existing.organization_id, values.name);
    if (namesake && namesake.id !== id) throw new InvalidRequestError(DUPLICATE);
    const list = await this.lists.update(id, values).catch(duplicate);
    await this.audit.record(viewer, {
      actionType: 'facelist_update',
      organizationId: existing.organization_id,
      meta: { facelist_id: id, name: values.name },
    });
    return list!;
  }

  /** Deletes an empty face list; a list with faces is refused (400). */
  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'facelist_delete');
    const existing = await this.lists.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Face list not found');
    if ((await this.lists.faceCounts([id])).has(id)) throw new InvalidRequestError('Face list has faces');
    await this.lists.delete(id);
    await this.audit.record(viewer, {
      actionType: 'facelist_delete',
      organizationId: existing.organization_id,
      meta: { facelist_id: id, name: existing.name },
    });
  }

  /** Adds a face of the list's organization to the list (REST 4.7); a face already in it is refused (400). */
  async addFace(viewer: Viewer, listId: number, faceId: number): Promise<void> {
    requirePermission(viewer, 'facelist_face_create');
    const list = await this.member(viewer, listId, faceId);
    if (await this.lists.hasFace(listId, faceId)) throw new InvalidRequestError('Face is already in the face list');
    await this.lists.addFace(listId, faceId).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new InvalidRequestError('Face is already in the face list') : error;
    });
    await this.audit.record(viewer, {
      actionType: 'facelist_face_create',
      organizationId: list.organization_id,
      meta: { facelist_id: listId, face_id: faceId },
    });
  }

  /** Takes a face out of the list (REST 4.8); a face not in it answers 404. */
  async removeFace(viewer: Viewer, listId: number, faceId: number): Promise<void> {
    requirePermission(viewer, 'facelist_face_delete');
    const list = await this.member(viewer, listId, faceId);
    if (!(await this.lists.removeFace(listId, faceId))) throw new NotFoundError('Face is not in the face list');
    await this.audit.record(viewer, {
      actionType: 'facelist_face_delete',
      organizationId: list.organization_id,
      meta: { facelist_id: listId, face_id: faceId },
    });
  }

  /** The visible list, after checking the face exists in the list's organization. */
  private async member(viewer: Viewer, listId: number, faceId: number): Promise<FaceListRow> {
    const list = await this.lists.findById(listId, scopeOf(viewer));
    if (!list) throw new NotFoundError('Face list not found');
    if (!(await this.faces.findById(faceId, { organizationId: list.organization_id })))
      throw new NotFoundError('Face not found');
    return list;
  }
}

function duplicate(error: unknown): never {
  throw isUniqueViolation(error) ? new InvalidRequestError(DUPLICATE) : error;
}
