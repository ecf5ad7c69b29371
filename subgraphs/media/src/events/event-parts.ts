import type { Logger, Route } from '@argus/core';
import type { MediaConfig } from '../config.js';
import type { MediaDb } from '../db.js';
import { EventRepository } from '../repositories/event.repository.js';
import { EventSearchRepository } from '../repositories/event-search.repository.js';
import { EventStatsRepository } from '../repositories/event-stats.repository.js';
import { EventWatchlistFacesRepository } from '../repositories/event-watchlist-faces.repository.js';
import type { TopologyCameras } from '../services/topology-cameras.js';
import { EventIngestService } from './event-ingest.service.js';
import type { EventPlaces } from './event-places.js';
import { EventService } from './event.service.js';
import { internalEventRoutes } from './http/internal-event-routes.js';
import type { EventFeed } from './live/event-notice.js';
import { EventSnapshotStore } from './snapshot-store.js';
import type { Watchlists } from './watchlist-matcher.js';

const MAINTENANCE_MS = 3_600_000;
const RETRY_POLL_MS = 1000;

export interface EventParts {
  readonly service: EventService;
  readonly ingest: EventIngestService;
  readonly routes: { exact: Record<string, Route>; patterns: [RegExp, Route][] };
  /** creates partitions, then keeps them (hourly) and retries matching (every second) until stopped */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The recognition events of the media part: storage, ingest from engines, matching, queries. */
export function eventParts(
  db: MediaDb,
  config: MediaConfig,
  ports: { cameras: TopologyCameras; places: EventPlaces; watchlists: Watchlists; feed: EventFeed; logger: Logger },
): EventParts {
  const events = new EventRepository(db);
  const snapshots = new EventSnapshotStore(config.eventSnapshotsDir);
  const ingest = new EventIngestService({
    events,
    watchlistFaces: new EventWatchlistFacesRepository(db),
    places: ports.places,
    watchlists: ports.watchlists,
    feed: ports.feed,
    snapshots,
    logger: ports.logger,
    retentionDays: config.eventRetentionDays,
    matchThreshold: config.eventMatchThreshold,
    matchMaxAttempts: config.eventMatchMaxAttempts,
    matchRetryMs: config.eventMatchRetryMs,
  });
  const service = new EventService({
    events,
    search: new EventSearchRepository(db),
    stats: new EventStatsRepository(db),
    places: ports.places,
    cameras: ports.cameras,
    retentionDays: config.eventRetentionDays,
    faceSearch: config.eventFaceSearch,
    snapshots,
  });
  const timers: NodeJS.Timeout[] = [];
  let current: Promise<void> | undefined;
  return {
    service,
    ingest,
    routes: internalEventRoutes({
      ingest,
      internalKey: config.internalKey,
      snapshotMaxBytes: config.eventSnapshotMaxBytes,
      logger: ports.logger,
    }),
    async start() {
      await ingest.maintainPartitions();
      const maintain = () =>
        ingest.maintainPartitions().catch((err) => ports.logger.warn({ err }, 'event partition upkeep failed'));
      const retry = () => {
        current ??= ingest
          .retryDue()
          .then(() => undefined)
          .catch((err) => ports.logger.warn({ err }, 'retrying event matching failed'))
          .finally(() => (current = undefined));
      };
      timers.push(setInterval(maintain, MAINTENANCE_MS).unref(), setInterval(retry, RETRY_POLL_MS).unref());
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await current;
    },
  };
}
