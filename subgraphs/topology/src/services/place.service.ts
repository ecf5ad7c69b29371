import {
  type AuditRecorder,
  idPage,
  InvalidRequestError,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  toPage,
  type Viewer,
} from '@argus/core';
import type { PlaceFilter, PlaceRepository, PlaceRow } from '../repositories/place.repository.js';
import { refusingRaces } from './constraint-errors.js';
import { invalid, numberIn, optionalText, text } from './field-rules.js';
import type { IdentityDirectory } from './identity-directory.js';
import { searchText } from './paging.js';
import { visibilityOf } from './visibility.js';

export interface PlaceInput {
  readonly name: string;
  readonly description?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
}

export interface PlaceListArgs extends PageArgs {
  readonly query?: string | null;
  readonly withoutGroups?: boolean | null;
  readonly groupId?: number | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  /** metres */
  readonly radius?: number | null;
}

/** Places of an organization: sites with a name and, optionally, a location. */
export class PlaceService {
  constructor(
    private readonly places: PlaceRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: PlaceListArgs): Promise<Page<PlaceRow>> {
    requirePermission(viewer, 'place_read');
    const filter: PlaceFilter = {
      nameContains: searchText(args.query),
      withoutGroups: args.withoutGroups ?? undefined,
      groupId: args.groupId ?? undefined,
      near: nearFilter(args),
    };
    const page = idPage(args);
    const rows = await this.places.list(visibilityOf(viewer), filter, page);
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<PlaceRow | undefined> {
    requirePermission(viewer, 'place_read');
    return this.places.findById(id, visibilityOf(viewer));
  }

  /** Places the caller may see, for references from other parts (the referring object was authorized there). */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<PlaceRow[]> {
    return this.places.findByIds(ids, visibilityOf(viewer));
  }

  findByIds(ids: readonly number[]): Promise<PlaceRow[]> {
    return this.places.findByIds(ids);
  }

  async create(viewer: Viewer, input: PlaceInput, organizationId?: number | null): Promise<PlaceRow> {
    requirePermission(viewer, 'place_create');
    if (organizationId !== undefined && organizationId !== null) {
      if (!viewer.isSuperuser)
        throw new InvalidRequestError('Organization was provided despite the user is not superuser');
      if (!(await this.identity.organizationExists(viewer, organizationId)))
        throw new InvalidRequestError('Provided organization does not exist');
    }
    const orgId = organizationId ?? viewer.organizationId;
    const place = await this.places.create({ organization_id: orgId, ...placeValues(input) });
    await this.audit.record(viewer, {
      actionType: 'place_create',
      organizationId: orgId,
      meta: { place_id: place.id, name: place.name },
    });
    return place;
  }

  async update(viewer: Viewer, id: number, input: PlaceInput): Promise<PlaceRow> {
    requirePermission(viewer, 'place_update');
    const existing = await this.places.findById(id, visibilityOf(viewer));
    if (!existing) throw new NotFoundError('Place not found');
    const place = await this.places.update(id, placeValues(input));
    // deleted by a concurrent request meanwhile
    if (!place) throw new NotFoundError('Place not found');
    await this.audit.record(viewer, {
      actionType: 'place_update',
      organizationId: existing.organization_id,
      meta: { place_id: id },
    });
    return place;
  }

  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'place_delete');
    const existing = await this.places.findById(id, visibilityOf(viewer));
    if (!existing) throw new NotFoundError('Place not found');
    const [plans, cameras] = await Promise.all([this.places.planCounts([id]), this.places.cameraCounts([id])]);
    if (plans.has(id)) throw new InvalidRequestError('Place has plans');
    if (cameras.has(id)) throw new InvalidRequestError('Place has cameras');
    await refusingRaces(() => this.places.delete(id), { foreignKey: 'Place has plans or cameras' });
    await this.audit.record(viewer, {
      actionType: 'place_delete',
      organizationId: existing.organization_id,
      meta: { place_id: id, name: existing.name },
    });
  }

  /** A page of the caller's visible places for each group. */
  async ofGroups(viewer: Viewer, groupIds: readonly number[], args: PageArgs): Promise<Map<number, Page<PlaceRow>>> {
    requirePermission(viewer, 'group_place_read');
    const page = idPage(args);
    const rows = await this.places.ofGroups(groupIds, visibilityOf(viewer), page);
    return pagesBy(
      groupIds,
      rows,
      (row) => row.group_id!,
      page.limit,
      (row) => [row.id],
    );
  }

  /** How many of each group's places the caller sees. */
  countsOfGroups(viewer: Viewer, groupIds: readonly number[]): Promise<Map<number, number>> {
    return this.places.countsOfGroups(groupIds, visibilityOf(viewer));
  }

  planCounts(placeIds: readonly number[]): Promise<Map<number, number>> {
    return this.places.planCounts(placeIds);
  }

  cameraCounts(placeIds: readonly number[]): Promise<Map<number, number>> {
    return this.places.cameraCounts(placeIds);
  }
}

function placeValues(input: PlaceInput) {
  const hasLatitude = input.latitude !== null && input.latitude !== undefined;
  const hasLongitude = input.longitude !== null && input.longitude !== undefined;
  if (hasLatitude !== hasLongitude)
    throw invalid(
      ['input', hasLatitude ? 'longitude' : 'latitude'],
      'latitude and longitude are given together or not at all',
    );
  return {
    name: text(input.name, ['input', 'name'], 255),
    description: optionalText(input.description, ['input', 'description'], 2048, 0),
    latitude: hasLatitude ? numberIn(input.latitude!, ['input', 'latitude'], -90, 90) : null,
    longitude: hasLongitude ? numberIn(input.longitude!, ['input', 'longitude'], -180, 180) : null,
  };
}

function nearFilter(args: PlaceListArgs): PlaceFilter['near'] {
  const given = [args.latitude, args.longitude, args.radius].filter((v) => v !== null && v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3) throw new InvalidRequestError('latitude, longitude and radius are given together');
  const radius = args.radius!;
  if (!(radius > 0)) throw invalid(['radius'], 'ensure this value is greater than 0', 'not_positive');
  return {
    latitude: numberIn(args.latitude!, ['latitude'], -90, 90),
    longitude: numberIn(args.longitude!, ['longitude'], -180, 180),
    radius,
  };
}
