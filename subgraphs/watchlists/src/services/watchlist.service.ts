import {
  type AuditRecorder,
  idPage,
  InvalidRequestError,
  isForeignKeyViolation,
  isUniqueViolation,
  NotFoundError,
  type Page,
  type PageArgs,
  type Permission,
  requirePermission,
  toPage,
  type Viewer,
} from '@argus/core';
import type { WatchlistRepository, WatchlistRow } from '../repositories/watchlist.repository.js';
import type { Scope } from '../repositories/scope.js';
import type { IdentityDirectory } from './identity-directory.js';
import { nameFilter, watchlistValues, type WatchlistInput, type WatchlistListArgs } from './list-rules.js';
import { scopeOf, targetOrganization } from './scope.js';

/** What tells face lists and plate lists apart: names, permissions (also the audit actions) and members. */
export interface WatchlistKind {
  /** the member, capitalised: "Face" / "Plate" */
  readonly member: 'Face' | 'Plate';
  /** the permission prefix, also the audit action prefix and meta key: `facelist` / `platelist` */
  readonly prefix: 'facelist' | 'platelist';
  /** the member's meta key in audit entries */
  readonly memberKey: 'face_id' | 'plate_id';
  /** finds a member (face or plate) in an organization */
  readonly members: { findById(id: number, scope: Scope): Promise<unknown> };
}

/** Named, prioritised sets of faces or plates of one organization. */
export class WatchlistService {
  private readonly texts: ReturnType<typeof textsOf>;

  constructor(
    private readonly kind: WatchlistKind,
    private readonly lists: WatchlistRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {
    this.texts = textsOf(kind.member);
  }

  async list(viewer: Viewer, args: WatchlistListArgs & PageArgs): Promise<Page<WatchlistRow>> {
    requirePermission(viewer, this.permission('read'));
    const page = idPage(args);
    const filter = { name: nameFilter(args.name), organizationId: args.organizationId ?? undefined };
    const rows = await this.lists.list(scopeOf(viewer), filter, page);
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<WatchlistRow | undefined> {
    requirePermission(viewer, this.permission('read'));
    return this.lists.findById(id, scopeOf(viewer));
  }

  /** Lists the caller may see, for references from other parts. */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<WatchlistRow[]> {
    return this.lists.findByIds(ids, scopeOf(viewer));
  }

  memberCounts(listIds: readonly number[]): Promise<Map<number, number>> {
    return this.lists.memberCounts(listIds);
  }

  async create(viewer: Viewer, input: WatchlistInput, organizationId?: number | null): Promise<WatchlistRow> {
    requirePermission(viewer, this.permission('create'));
    const values = watchlistValues(input);
    const orgId = await targetOrganization(viewer, organizationId, this.identity);
    if (await this.lists.findByName(orgId, values.name)) throw new InvalidRequestError(this.texts.duplicate);
    const list = await this.lists.create({ organization_id: orgId, ...values }).catch(this.duplicate);
    await this.record(viewer, 'create', orgId, { [this.listKey]: list.id, name: list.name });
    return list;
  }

  async update(viewer: Viewer, id: number, input: WatchlistInput): Promise<WatchlistRow> {
    requirePermission(viewer, this.permission('update'));
    const values = watchlistValues(input);
    const existing = await this.lists.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError(this.texts.listNotFound);
    const namesake = await this.lists.findByName(existing.organization_id, values.name);
    if (namesake && namesake.id !== id) throw new InvalidRequestError(this.texts.duplicate);
    const list = await this.lists.update(id, values).catch(this.duplicate);
    // deleted by another request since the check
    if (!list) throw new NotFoundError(this.texts.listNotFound);
    await this.record(viewer, 'update', existing.organization_id, { [this.listKey]: id, name: values.name });
    return list;
  }

  /** Deletes an empty list; a list with members is refused (400). */
  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, this.permission('delete'));
    const existing = await this.lists.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError(this.texts.listNotFound);
    if ((await this.lists.memberCounts([id])).has(id)) throw new InvalidRequestError(this.texts.hasMembers);
    // a member added by another request since the check still holds the list
    await this.lists.delete(id).catch((error: unknown) => {
      throw isForeignKeyViolation(error) ? new InvalidRequestError(this.texts.hasMembers) : error;
    });
    await this.record(viewer, 'delete', existing.organization_id, { [this.listKey]: id, name: existing.name });
  }

  /** Adds a face or plate of the list's organization to the list; one already in it is refused (400). */
  async addMember(viewer: Viewer, listId: number, memberId: number): Promise<void> {
    requirePermission(viewer, this.permission('member_create'));
    const list = await this.listWithMember(viewer, listId, memberId);
    if (await this.lists.hasMember(listId, memberId)) throw new InvalidRequestError(this.texts.alreadyIn);
    await this.lists.addMember(listId, memberId).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new InvalidRequestError(this.texts.alreadyIn);
      // the list or the member was deleted by another request since the checks
      throw isForeignKeyViolation(error) ? new NotFoundError(this.texts.listOrMemberNotFound) : error;
    });
    await this.record(viewer, 'member_create', list.organization_id, this.memberMeta(listId, memberId));
  }

  /** Takes a face or plate out of the list; one not in it answers 404. */
  async removeMember(viewer: Viewer, listId: number, memberId: number): Promise<void> {
    requirePermission(viewer, this.permission('member_delete'));
    const list = await this.listWithMember(viewer, listId, memberId);
    if (!(await this.lists.removeMember(listId, memberId))) throw new NotFoundError(this.texts.notIn);
    await this.record(viewer, 'member_delete', list.organization_id, this.memberMeta(listId, memberId));
  }

  /** The visible list, after checking the member exists in the list's organization. */
  private async listWithMember(viewer: Viewer, listId: number, memberId: number): Promise<WatchlistRow> {
    const list = await this.lists.findById(listId, scopeOf(viewer));
    if (!list) throw new NotFoundError(this.texts.listNotFound);
    if (!(await this.kind.members.findById(memberId, { organizationId: list.organization_id })))
      throw new NotFoundError(this.texts.memberNotFound);
    return list;
  }

  /** `facelist_read`, `platelist_plate_create`, …: the permission and the audit action of a step. */
  private permission(step: 'read' | 'create' | 'update' | 'delete' | 'member_create' | 'member_delete'): Permission {
    const member = this.kind.member.toLowerCase();
    return `${this.kind.prefix}_${step.replace('member', member)}` as Permission;
  }

  private get listKey(): string {
    return `${this.kind.prefix}_id`;
  }

  private memberMeta(listId: number, memberId: number): Record<string, number> {
    return { [this.listKey]: listId, [this.kind.memberKey]: memberId };
  }

  private async record(
    viewer: Viewer,
    step: 'create' | 'update' | 'delete' | 'member_create' | 'member_delete',
    organizationId: number,
    meta: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(viewer, { actionType: this.permission(step), organizationId, meta });
  }

  private readonly duplicate = (error: unknown): never => {
    throw isUniqueViolation(error) ? new InvalidRequestError(this.texts.duplicate) : error;
  };
}

/** The answers' wording for face lists ("Face list not found") or plate lists. */
function textsOf(member: 'Face' | 'Plate') {
  const lower = member.toLowerCase();
  return {
    duplicate: `${member} list with provided name already exists`,
    listNotFound: `${member} list not found`,
    memberNotFound: `${member} not found`,
    hasMembers: `${member} list has ${lower}s`,
    alreadyIn: `${member} is already in the ${lower} list`,
    notIn: `${member} is not in the ${lower} list`,
    listOrMemberNotFound: `${member} list or ${lower} not found`,
  };
}
