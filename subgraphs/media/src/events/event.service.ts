import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  InputValidationError,
  InvalidRequestError,
  isUuid,
  NotFoundError,
  UnavailableError,
  requirePermission,
  scopeOrganization,
  type Connection,
  type Permission,
  type Viewer,
} from '@argus/core';
import type { EventRepository } from '../repositories/event.repository.js';
import type { EventScope } from '../repositories/event-scope.js';
import type { EventSearchRepository } from '../repositories/event-search.repository.js';
import type { EventStatsRepository } from '../repositories/event-stats.repository.js';
import type { TopologyCameras } from '../services/topology-cameras.js';
import { searchDescriptor } from './descriptor.js';
import type { EventPageArgs, FaceSearchArgs, IntensityArgs, PlateSearchArgs, StatsArgs } from './event-args.js';
import type { EventPlaces } from './event-places.js';
import { bucketSizeOf, bucketStarts, INTENSITY_TYPES, type EventIntensity } from './event-stats.js';
import {
  PRIORITY_RANK,
  type EventCounts,
  type EventFilterInput,
  type EventMatchCountBucket,
  type EventTypeCountBucket,
  type EventView,
  type FaceSearchHit,
  type RecognitionEventType,
} from './event.types.js';
import { normalizePlateNumber } from '@argus/core';
import type { EventSnapshotStore } from './snapshot-store.js';

export interface EventServiceOptions {
  readonly events: EventRepository;
  readonly search: EventSearchRepository;
  readonly stats: EventStatsRepository;
  readonly places: EventPlaces;
  readonly cameras: Pick<TopologyCameras, 'visible'>;
  readonly retentionDays: number;
  /** `exact` compares every descriptor of the window even where pgvector's index exists */
  readonly faceSearch: 'auto' | 'exact';
  readonly snapshots: EventSnapshotStore;
}

const DAY_MS = 86_400_000;
/** The window of an event list is at most 24 hours. */
const MAX_LIST_WINDOW_MS = DAY_MS;
/** Stats windows: at most this long (one bucket per day beyond 24 h). */
const MAX_STATS_WINDOW_MS = 366 * DAY_MS;
const MAX_SEARCH_RESULTS = 1000;

/**
 * Recognition events as callers see them: permission (event_read, search_face, search_plate,
 * stats_read), then the caller's organization and, for members of groups, their groups' places,
 * as SQL on the organization and place each event was filed under. Another organization's event
 * is not found.
 */
export class EventService {
  constructor(private readonly o: EventServiceOptions) {}

  async get(viewer: Viewer, id: string, type: RecognitionEventType, matchedOnly: boolean): Promise<EventView | null> {
    requirePermission(viewer, 'event_read');
    if (!isUuid(id)) return null;
    const event = await this.o.events.findById(id, await this.callerScope(viewer));
    if (!event || event.event_type !== type || (matchedOnly && event.max_priority === null)) return null;
    return event;
  }

  /** The event's JPEG (snapshot_read); 404 when not visible, 503 while the engine has not stored it. */
  async snapshot(
    caller: Viewer | undefined,
    id: string,
    type: RecognitionEventType,
  ): Promise<{ jpeg: Buffer; capturedAt: Date }> {
    const viewer = requirePermission(caller, 'snapshot_read');
    const event = isUuid(id) ? await this.o.events.findById(id, await this.callerScope(viewer)) : undefined;
    if (!event || event.event_type !== type) throw new NotFoundError('Event not found');
    const jpeg = event.snapshot_size === null ? undefined : await this.o.snapshots.get(event.id, event.ts);
    if (!jpeg) throw new UnavailableError('The snapshot of this event is not stored yet');
    return { jpeg, capturedAt: event.ts };
  }

  async list(viewer: Viewer, filter: EventFilterInput, page: EventPageArgs): Promise<Connection<EventView>> {
    requirePermission(viewer, 'event_read');
    checkWindow(
      filter.from,
      filter.to,
      MAX_LIST_WINDOW_MS,
      'Delta between ts_from and ts_to cannot exceed 24 hours limit',
      ['filter', 'to'],
    );
    const limit = checkPageSize(page.limit);
    const after = afterOf(page.cursor);
    const scope = await this.filterScope(viewer, filter);
    const rows = await this.o.events.list(
      {
        from: filter.from,
        to: filter.to,
        types: filter.eventTypes?.length ? filter.eventTypes : undefined,
        matchedOnly: page.matchedOnly,
        minPriority: page.minPriority ? PRIORITY_RANK[page.minPriority] : undefined,
      },
      scope,
      { limit, after },
    );
    const nodes = rows.slice(0, limit);
    const last = nodes[nodes.length - 1];
    const hasNextPage = rows.length > limit;
    return {
      nodes,
      pageInfo: { hasNextPage, endCursor: hasNextPage && last ? encodeCursor([last.ts.toISOString(), last.id]) : null },
    };
  }

  async searchFaces(viewer: Viewer, args: FaceSearchArgs): Promise<FaceSearchHit[]> {
    requirePermission(viewer, 'search_face');
    if (!Number.isFinite(args.threshold) || args.threshold < 0 || args.threshold > 1)
      throw new InputValidationError('ensure threshold is between 0 and 1', ['threshold'], 'out_of_range', {
        min: 0,
        max: 1,
      });
    const query = searchDescriptor(args.descriptor);
    const limit = searchLimit(args.first);
    const { from, to } = this.searchWindow(args);
    const scope = await this.groupScope(viewer, args.groupId);
    const column = await this.o.events.descriptorColumn();
    return this.o.search.faces(column, this.o.faceSearch, query, { threshold: args.threshold, from, to, limit }, scope);
  }

  async searchPlates(viewer: Viewer, args: PlateSearchArgs): Promise<EventView[]> {
    requirePermission(viewer, 'search_plate');
    const plate = normalizePlateNumber(args.plate ?? '');
    if (!plate || plate.length > 64)
      throw new InputValidationError('plate number must have 1..64 characters', ['plate']);
    const { from, to } = this.searchWindow(args);
    const scope = await this.groupScope(viewer, args.groupId);
    return this.o.search.plates(plate, args.partial, { from, to, limit: searchLimit(args.first) }, scope);
  }

  async countsByType(viewer: Viewer, args: StatsArgs): Promise<EventCounts<EventTypeCountBucket>> {
    const { size, starts, scope } = await this.statsOf(viewer, args);
    const rows = await this.o.stats.byType(size, args.from, args.to, scope);
    const counts = countMap(rows);
    return {
      bucket: size,
      buckets: starts.map((start) => ({
        start,
        face_recognition: counts.get(`${start.getTime()}:face_recognition`) ?? 0,
        plate_recognition: counts.get(`${start.getTime()}:plate_recognition`) ?? 0,
        motion_detection: counts.get(`${start.getTime()}:motion_detection`) ?? 0,
        line_crossing: counts.get(`${start.getTime()}:line_crossing`) ?? 0,
      })),
    };
  }

  async matchCountsByPriority(viewer: Viewer, args: StatsArgs): Promise<EventCounts<EventMatchCountBucket>> {
    const { size, starts, scope } = await this.statsOf(viewer, args);
    const counts = countMap(await this.o.stats.byPriority(size, args.from, args.to, scope));
    return {
      bucket: size,
      buckets: starts.map((start) => ({
        start,
        low: counts.get(`${start.getTime()}:1`) ?? 0,
        medium: counts.get(`${start.getTime()}:2`) ?? 0,
        high: counts.get(`${start.getTime()}:3`) ?? 0,
        none: counts.get(`${start.getTime()}:0`) ?? 0,
      })),
    };
  }

  async intensity(viewer: Viewer, args: IntensityArgs): Promise<EventIntensity> {
    const { size, starts, scope } = await this.statsOf(viewer, args);
    let cameraScope = scope;
    if (args.cameraIds) {
      for (const id of args.cameraIds) {
        if (!isUuid(id) || !(await this.o.cameras.visible(viewer, id))) throw new NotFoundError('Camera not found');
      }
      cameraScope = { ...scope, cameraIds: args.cameraIds };
    }
    const counts = countMap(await this.o.stats.byType(size, args.from, args.to, cameraScope));
    return {
      bucket: size,
      meta: { event_types: INTENSITY_TYPES },
      entries: starts.map((start) => ({
        start,
        fr: counts.get(`${start.getTime()}:face_recognition`) ?? 0,
        pr: counts.get(`${start.getTime()}:plate_recognition`) ?? 0,
        md: counts.get(`${start.getTime()}:motion_detection`) ?? 0,
        lc: counts.get(`${start.getTime()}:line_crossing`) ?? 0,
      })),
    };
  }

  /** What the caller sees: their organization (superusers: all), and for group members their groups' places. */
  private async callerScope(viewer: Viewer, organizationId?: number | null): Promise<EventScope> {
    if (viewer.isSuperuser) return organizationId ? { organizationId } : {};
    if (organizationId !== undefined && organizationId !== null && organizationId !== viewer.organizationId)
      throw new ForbiddenError('Only a superuser may read another organization');
    if (viewer.groupIds.length === 0) return { organizationId: viewer.organizationId };
    return { organizationId: viewer.organizationId, placeIds: await this.o.places.visiblePlaceIds(viewer) };
  }

  private async groupScope(
    viewer: Viewer,
    groupId: number | null | undefined,
    organizationId?: number | null,
  ): Promise<EventScope> {
    const scope = await this.callerScope(viewer, organizationId);
    if (groupId === null || groupId === undefined) return scope;
    return { ...scope, alsoPlaceIds: await this.o.places.placesOfGroup(viewer, groupId) };
  }

  private async filterScope(viewer: Viewer, filter: EventFilterInput): Promise<EventScope> {
    const given = [filter.cameraId, filter.placeId, filter.groupId].filter((v) => v !== null && v !== undefined);
    if (given.length > 1)
      throw new InvalidRequestError('You can only provide either stream_id or place_id or group_id or none');
    const scope = await this.groupScope(viewer, filter.groupId);
    if (filter.cameraId !== null && filter.cameraId !== undefined) {
      const id = String(filter.cameraId);
      if (!isUuid(id))
        throw new InputValidationError('value is not a valid uuid', ['filter', 'cameraId'], 'not_a_uuid');
      if (!(await this.o.cameras.visible(viewer, id))) return { ...scope, cameraIds: [] };
      return { ...scope, cameraIds: [id] };
    }
    if (filter.placeId !== null && filter.placeId !== undefined) {
      if (!(await this.o.places.placeVisible(viewer, filter.placeId))) return { ...scope, cameraIds: [] };
      return { ...scope, placeId: filter.placeId };
    }
    return scope;
  }

  private async statsOf(viewer: Viewer, args: StatsArgs) {
    requirePermission(viewer, 'stats_read');
    checkWindow(args.from, args.to, MAX_STATS_WINDOW_MS, 'Delta between ts_from and ts_to cannot exceed 366 days', [
      'to',
    ]);
    if (args.organizationId !== null && args.organizationId !== undefined)
      scopeOrganization(viewer, args.organizationId);
    const size = bucketSizeOf(args.from, args.to);
    return {
      size,
      starts: bucketStarts(args.from, args.to, size),
      scope: await this.groupScope(viewer, args.groupId, args.organizationId),
    };
  }

  private searchWindow(args: { from?: Date | null; to?: Date | null }): { from: Date; to: Date } {
    const to = args.to ?? new Date(Date.now() + DAY_MS);
    const from = args.from ?? new Date(Date.now() - this.o.retentionDays * DAY_MS - DAY_MS);
    if (to.getTime() <= from.getTime()) throw new InputValidationError('ts_to must be after ts_from', ['to']);
    return { from, to };
  }
}

/** The permission every event read needs (for parts that check before asking). */
export const EVENT_READ: Permission = 'event_read';

/** `at`: where the end of the window sits in the operation's arguments. */
function checkWindow(from: Date, to: Date, maxMs: number, message: string, at: string[]): void {
  if (to.getTime() <= from.getTime()) throw new InputValidationError('ts_to must be after ts_from', at);
  if (to.getTime() - from.getTime() > maxMs) throw new InvalidRequestError(message);
}

function searchLimit(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS)
    throw new InputValidationError(`ensure limit is between 1 and ${MAX_SEARCH_RESULTS}`, ['first'], 'out_of_range', {
      min: 1,
      max: MAX_SEARCH_RESULTS,
    });
  return first;
}

function afterOf(cursor: string | null | undefined): { ts: Date; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (!key) return undefined;
  const [ts, id] = key;
  if (key.length !== 2 || typeof ts !== 'string' || !isUuid(id) || isUuid(ts))
    throw new InputValidationError('Invalid cursor', ['after']);
  return { ts: new Date(ts), id };
}

function countMap(rows: { bucket: Date; key: string; count: number }[]): Map<string, number> {
  return new Map(rows.map((r) => [`${r.bucket.getTime()}:${r.key}`, r.count]));
}
