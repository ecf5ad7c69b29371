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
import type { PlateListRepository, PlateListRow } from '../repositories/plate-list.repository.js';
import type { PlateRepository } from '../repositories/plate.repository.js';
import type { IdentityDirectory } from './identity-directory.js';
import { nameFilter, watchlistValues, type WatchlistInput, type WatchlistListArgs } from './list-rules.js';
import { scopeOf, targetOrganization } from './scope.js';

const DUPLICATE = 'Plate list with provided name already exists';
const HAS_PLATES = 'Plate list has plates';

/** Plate lists: named, prioritised sets of plates of one organization (REST 14.1–14.8). */
export class PlateListService {
  constructor(
    private readonly lists: PlateListRepository,
    private readonly plates: PlateRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: WatchlistListArgs & PageArgs): Promise<Page<PlateListRow>> {
    requirePermission(viewer, 'platelist_read');
    const page = idPage(args);
    const rows = await this.lists.list(
      scopeOf(viewer),
      { name: nameFilter(args.name), organizationId: args.organizationId ?? undefined },
      page,
    );
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<PlateListRow | undefined> {
    requirePermission(viewer, 'platelist_read');
    return this.lists.findById(id, scopeOf(viewer));
  }

  /** Plate lists the caller may see, for references from other parts. */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<PlateListRow[]> {
    return this.lists.findByIds(ids, scopeOf(viewer));
  }

  plateCounts(listIds: readonly number[]): Promise<Map<number, number>> {
    return this.lists.plateCounts(listIds);
  }

  async create(viewer: Viewer, input: WatchlistInput, organizationId?: number | null): Promise<PlateListRow> {
    requirePermission(viewer, 'platelist_create');
    const values = watchlistValues(input);
    const orgId = await targetOrganization(viewer, organizationId, this.identity);
    if (await this.lists.findByName(orgId, values.name)) throw new InvalidRequestError(DUPLICATE);
    const list = await this.lists.create({ organization_id: orgId, ...values }).catch(duplicate);
    await this.audit.record(viewer, {
      actionType: 'platelist_create',
      organizationId: orgId,
      meta: { platelist_id: list.id, name: list.name },
    });
    return list;
  }

  async update(viewer: Viewer, id: number, input: WatchlistInput): Promise<PlateListRow> {
    requirePermission(viewer, 'platelist_update');
    const values = watchlistValues(input);
    const existing = await this.lists.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Plate list not found');
    const namesake = await this.lists.findByName(existing.organization_id, values.name);
    if (namesake && namesake.id !== id) throw new InvalidRequestError(DUPLICATE);
    const list = await this.lists.update(id, values).catch(duplicate);
    // deleted by another request since the check
    if (!list) throw new NotFoundError('Plate list not found');
    await this.audit.record(viewer, {
      actionType: 'platelist_update',
      organizationId: existing.organization_id,
      meta: { platelist_id: id, name: values.name },
    });
    return list;
  }

  /** Deletes an empty plate list; a list with plates is refused (400). */
  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'platelist_delete');
    const existing = await this.lists.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Plate list not found');
    if ((await this.lists.plateCounts([id])).has(id)) throw new InvalidRequestError(HAS_PLATES);
    // a plate added by another request since the check still holds the list
    await this.lists.delete(id).catch((error: unknown) => {
      throw isForeignKeyViolation(error) ? new InvalidRequestError(HAS_PLATES) : error;
    });
    await this.audit.record(viewer, {
      actionType: 'platelist_delete',
      organizationId: existing.organization_id,
      meta: { platelist_id: id, name: existing.name },
    });
  }

  /** Adds a plate of the list's organization to the list (REST 14.6); a plate already in it is refused (400). */
  async addPlate(viewer: Viewer, listId: number, plateId: number): Promise<void> {
    requirePermission(viewer, 'platelist_plate_create');
    const list = await this.member(viewer, listId, plateId);
    if (await this.lists.hasPlate(listId, plateId)) throw new InvalidRequestError('Plate is already in the plate list');
    await this.lists.addPlate(listId, plateId).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new InvalidRequestError('Plate is already in the plate list');
      // the list or the plate was deleted by another request since the checks
      throw isForeignKeyViolation(error) ? new NotFoundError('Plate list or plate not found') : error;
    });
    await this.audit.record(viewer, {
      actionType: 'platelist_plate_create',
      organizationId: list.organization_id,
      meta: { platelist_id: listId, plate_id: plateId },
    });
  }

  /** Takes a plate out of the list (REST 14.7); a plate not in it answers 404. */
  async removePlate(viewer: Viewer, listId: number, plateId: number): Promise<void> {
    requirePermission(viewer, 'platelist_plate_delete');
    const list = await this.member(viewer, listId, plateId);
    if (!(await this.lists.removePlate(listId, plateId))) throw new NotFoundError('Plate is not in the plate list');
    await this.audit.record(viewer, {
      actionType: 'platelist_plate_delete',
      organizationId: list.organization_id,
      meta: { platelist_id: listId, plate_id: plateId },
    });
  }

  /** The visible list, after checking the plate exists in the list's organization. */
  private async member(viewer: Viewer, listId: number, plateId: number): Promise<PlateListRow> {
    const list = await this.lists.findById(listId, scopeOf(viewer));
    if (!list) throw new NotFoundError('Plate list not found');
    if (!(await this.plates.findById(plateId, { organizationId: list.organization_id })))
      throw new NotFoundError('Plate not found');
    return list;
  }
}

function duplicate(error: unknown): never {
  throw isUniqueViolation(error) ? new InvalidRequestError(DUPLICATE) : error;
}

/** PostgreSQL refused a row whose reference is gone, or a delete of a row still referenced (SQLSTATE 23503). */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}
