import {
  InputValidationError,
  InvalidRequestError,
  isUuid,
  NotFoundError,
  requirePermission,
  type Logger,
  type Viewer,
} from '@argus/core';
import type { EventRepository, SequencedEvent } from '../../repositories/event.repository.js';
import type { TopologyCameras } from '../../services/topology-cameras.js';
import type { EventPlaces } from '../event-places.js';
import { PRIORITY_RANK, type MatchPriority, type RecognitionEventType } from '../event.types.js';
import type { EventNotice, LiveEventFeed } from './event-notice.js';
import { LiveEventLoader } from './live-event-loader.js';
import { acceptsEvent, storedScope, type LiveEventScope } from './live-event-scope.js';
import { LiveSubscription, type LiveItem } from './live-subscription.js';

/** What a subscriber asks for (GraphQL `EventSubscriptionFilter` / `EventMatchSubscriptionFilter`). */
export interface LiveEventFilter {
  readonly cameraIds?: readonly (string | number)[] | null;
  readonly placeIds?: readonly number[] | null;
  readonly groupId?: number | null;
  readonly eventTypes?: readonly RecognitionEventType[] | null;
  readonly minPriority?: MatchPriority | null;
}

export interface LiveEventOptions {
  readonly feed: LiveEventFeed;
  readonly events: Pick<EventRepository, 'findSequenced' | 'sequenceOf' | 'lastSequence' | 'listSequenced'>;
  readonly places: EventPlaces;
  readonly cameras: Pick<TopologyCameras, 'visible'>;
  /** notices one subscriber may have waiting before it is closed as too slow */
  readonly bufferSize: number;
  readonly logger?: Logger;
}

const MAX_IDS = 1000;

/**
 * The eventCreated and eventMatched subscriptions: each subscriber's scope is settled when it
 * subscribes (event_read; organization; group members only their groups' places; every camera,
 * place and group named must be visible), then every notice of the feed is checked against it
 * in memory, and the accepted ones are loaded (once per process) and delivered in order. With
 * `after`, the events stored after that one (in the order they were stored, whatever their
 * capture time) come first; the subscriber listens before reading them, so nothing falls
 * between, and ids already delivered are not delivered again.
 */
export class LiveEventService {
  private readonly loader: LiveEventLoader;
  private readonly subscriptions = new Set<LiveSubscription>();

  constructor(private readonly o: LiveEventOptions) {
    this.loader = new LiveEventLoader(o.events);
  }

  created(viewer: Viewer, filter: LiveEventFilter | null | undefined, after?: string | null) {
    return this.subscribe(viewer, 'created', filter ?? {}, after);
  }

  matched(viewer: Viewer, filter: LiveEventFilter | null | undefined, after?: string | null) {
    return this.subscribe(viewer, 'matched', filter ?? {}, after);
  }

  /** Subscribers of this process, the notices they have waiting and the most any had at once. */
  stats(): { subscribers: number; waiting: number; peak: number; loaded: number } {
    let waiting = 0;
    let peak = 0;
    for (const s of this.subscriptions) {
      waiting += s.waiting;
      peak = Math.max(peak, s.peak);
    }
    return { subscribers: this.subscriptions.size, waiting, peak, loaded: this.loader.size };
  }

  private async subscribe(
    viewer: Viewer,
    kind: EventNotice['kind'],
    filter: LiveEventFilter,
    after: string | null | undefined,
  ): Promise<AsyncIterableIterator<LiveItem>> {
    requirePermission(viewer, 'event_read');
    const scope = await this.scopeOf(viewer, kind, filter);
    let start: number | undefined;
    if (after !== null && after !== undefined) {
      if (!isUuid(after)) throw new InputValidationError('after is not a valid event id', ['after'], 'not_a_uuid');
      start = await this.o.events.sequenceOf(
        after,
        kind,
        storedScope({ kind, organizationId: scope.organizationId, places: scope.visiblePlaces }),
      );
      if (start === undefined) throw new NotFoundError('Event not found');
    }
    const subscription = new LiveSubscription({
      scope: scope.live,
      bufferSize: this.o.bufferSize,
      read: (from) => this.read(scope.live, from),
      load: (notice) => this.load(scope.live, notice),
      prefetch: (notice) => this.loader.prefetch(notice),
      head: () => this.o.events.lastSequence(kind),
      onEnd: () => this.subscriptions.delete(subscription),
      logger: this.o.logger,
    });
    // listening first: a notice of an event committed while the backlog is read is queued, then de-duplicated
    subscription.attach(this.o.feed, start);
    this.subscriptions.add(subscription);
    return subscription;
  }

  private async load(scope: LiveEventScope, notice: EventNotice): Promise<SequencedEvent | undefined> {
    const event = await this.loader.load(notice);
    return event && acceptsEvent(scope, event) ? event : undefined;
  }

  /** Stored events numbered after `from` (the order they were stored in), a page at a time. */
  private read(scope: LiveEventScope, from: number): Promise<SequencedEvent[]> {
    return this.o.events.listSequenced(
      scope.kind,
      from,
      { types: scope.types ? [...scope.types] : undefined, minPriority: scope.minPriority },
      storedScope(scope),
      LiveSubscription.PAGE + 1,
    );
  }

  private async scopeOf(viewer: Viewer, kind: EventNotice['kind'], filter: LiveEventFilter) {
    const cameraIds = unique(filter.cameraIds?.map(String), 'cameraIds');
    const placeIds = unique(filter.placeIds, 'placeIds');
    const organizationId = viewer.isSuperuser ? undefined : viewer.organizationId;
    const visiblePlaces =
      !viewer.isSuperuser && viewer.groupIds.length > 0
        ? new Set(await this.o.places.visiblePlaceIds(viewer))
        : undefined;
    let places: Set<number> | undefined = visiblePlaces;
    if (filter.groupId !== null && filter.groupId !== undefined)
      places = intersect(places, await this.o.places.placesOfGroup(viewer, filter.groupId));
    if (placeIds) {
      for (const id of placeIds)
        if (!(await this.o.places.placeVisible(viewer, id))) throw new NotFoundError(`Place ${id} not found`);
      places = intersect(places, placeIds);
    }
    if (cameraIds) {
      for (const id of cameraIds)
        if (!isUuid(id) || !(await this.o.cameras.visible(viewer, id)))
          throw new NotFoundError(`Camera ${id} not found`);
    }
    const live: LiveEventScope = {
      kind,
      ...(organizationId === undefined ? {} : { organizationId }),
      ...(places ? { places } : {}),
      ...(cameraIds ? { cameras: new Set(cameraIds) } : {}),
      ...(filter.eventTypes?.length ? { types: new Set(filter.eventTypes) } : {}),
      ...(kind === 'matched' ? { minPriority: filter.minPriority ? PRIORITY_RANK[filter.minPriority] : 0 } : {}),
    };
    return { live, organizationId, visiblePlaces };
  }
}

function unique<T>(ids: readonly T[] | null | undefined, name: string): T[] | undefined {
  if (ids === null || ids === undefined) return undefined;
  const set = [...new Set(ids)];
  if (set.length === 0 || set.length > MAX_IDS) throw new InvalidRequestError(`${name} must name 1 to ${MAX_IDS} ids`);
  return set;
}

function intersect(a: ReadonlySet<number> | undefined, b: readonly number[]): Set<number> {
  return new Set(a ? b.filter((id) => a.has(id)) : b);
}
