import { driverOf, type Database, type Logger } from '@argus/core';
import type { LiveEventFeed } from './event-notice.js';
import { MemoryEventFeed } from './memory-event-feed.js';
import { NatsEventFeed } from './nats-event-feed.js';
import { PostgresEventFeed } from './postgres-event-feed.js';

/** Which feed carries notices between processes (EVENT_FEED, NATS_URL). */
export interface EventFeedConfig {
  /** `postgres` (default): NOTIFY/LISTEN on the database; `nats`: JetStream at `natsUrl`; `memory`: this process only */
  readonly eventFeedKind: 'postgres' | 'nats' | 'memory';
  readonly natsUrl: string | undefined;
}

/** The one place that picks the feed: NATS JetStream when configured, else PostgreSQL NOTIFY, or in-process. */
export async function openEventFeed(
  config: EventFeedConfig,
  database: Database,
  logger?: Logger,
): Promise<LiveEventFeed> {
  if (config.eventFeedKind === 'memory') return new MemoryEventFeed();
  if (config.eventFeedKind === 'nats') {
    if (!config.natsUrl) throw new Error('EVENT_FEED=nats needs NATS_URL');
    return NatsEventFeed.open(config.natsUrl, logger);
  }
  const driver = driverOf(database.db);
  if (driver?.pglite) return PostgresEventFeed.open(database.db, { pglite: driver.pglite }, logger);
  if (driver?.pool) return PostgresEventFeed.open(database.db, { server: driver.pool.options }, logger);
  throw new Error('the event feed needs the database opened by @argus/core (its engine or server pool)');
}
