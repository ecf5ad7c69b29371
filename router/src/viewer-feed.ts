import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from '@argus/core';
import type { ViewerCache } from './viewer-cache.js';
import { parseViewerChange, VIEWER_CHANGES_CHANNEL } from './viewer-changes.js';

/**
 * Identity's change notices, applied to a viewer cache as they come. `current()` says whether the
 * cache may be trusted right now: only while the feed is up, and (on a server) only while it is
 * known to have delivered every notice committed more than STALENESS_BOUND_MS ago.
 */
export interface ViewerFeed {
  start(): Promise<void>;
  current(): boolean;
  stop(): Promise<void>;
}

/** The longest a revocation committed on a PostgreSQL server may go unseen by a router that trusts its cache. */
export const STALENESS_BOUND_MS = 100;
/** How often a router under load proves its feed current. */
const SYNC_INTERVAL_MS = 20;
/** A router idle for this long stops proving its feed current (its next request asks identity). */
const IDLE_AFTER_MS = 2_000;
/** A sync not back after this long means the connection is dead even if no error said so. */
const SYNC_TIMEOUT_MS = 5_000;
const RECONNECT_MS = [100, 500, 1_000, 2_000, 5_000] as const;

/**
 * How a feed that proves itself with syncs echoed back to it tells whether its cache is current: a
 * sync that comes back shows every notice sent before it applied, so the cache is current while the
 * feed is up and the last sync that came back was sent less than STALENESS_BOUND_MS ago. While
 * requests keep asking, a sync goes every SYNC_INTERVAL_MS; a router idle for IDLE_AFTER_MS sends
 * none until asked again.
 */
export class SyncedFreshness {
  private syncedAt = -Infinity;
  private lastAsked = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  /** `sync` sends a sync unless one is on its way (and does nothing while the feed is down). */
  constructor(
    private readonly sync: () => void,
    private readonly now: () => number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.now() - this.lastAsked < IDLE_AFTER_MS) this.sync();
    }, SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A sync sent at `sentAt` came back. */
  synced(sentAt: number): void {
    this.syncedAt = Math.max(this.syncedAt, sentAt);
  }

  /** Nothing received so far proves the cache current (it was cleared, or the feed started again). */
  forget(): void {
    this.syncedAt = -Infinity;
  }

  /** Whether the cache may be trusted now, given whether the feed is `up`; asks for a sync when it may not. */
  current(up: boolean): boolean {
    const at = this.now();
    this.lastAsked = at;
    if (!up) return false;
    if (at - this.syncedAt < STALENESS_BOUND_MS) return true;
    this.sync();
    return false;
  }
}

/**
 * The embedded database in this process: PGlite calls listeners while it reads a statement's
 * results, before the statement's caller resumes, so a committed change reaches the cache before
 * the writer can answer anyone. Current as long as the listener is registered.
 */
export function pgliteViewerFeed(pglite: PGlite, cache: ViewerCache): ViewerFeed {
  let unlisten: (() => Promise<void>) | undefined;
  return {
    async start() {
      cache.clear();
      unlisten = await pglite.listen(VIEWER_CHANGES_CHANNEL, (payload) => cache.apply(parseViewerChange(payload)));
    },
    current: () => unlisten !== undefined,
    async stop() {
      const closing = unlisten;
      unlisten = undefined;
      cache.clear();
      if (closing && !pglite.closed) await closing().catch(() => undefined);
    },
  };
}

/**
 * A PostgreSQL server: LISTEN on a connection of its own. Notices reach each listener in commit
 * order but asynchronously, so the feed proves itself current with a sync notice it sends itself on
 * a channel of its own: once that comes back, every notice committed before it was sent has been
 * applied. The cache counts as current only while the last returned sync was sent less than
 * STALENESS_BOUND_MS ago and the connection has stayed up; losing the connection clears the cache
 * and reconnects.
 */
export function postgresViewerFeed(
  url: string,
  cache: ViewerCache,
  logger: Logger,
  now: () => number = () => performance.now(),
): ViewerFeed {
  const syncChannel = `identity_viewer_sync_${randomBytes(8).toString('hex')}`;
  let client: pg.Client | undefined;
  let up = false;
  let stopped = false;
  let failures = 0;
  let syncSeq = 0;
  const inFlight = new Map<string, number>();
  const freshness = new SyncedFreshness(sync, now);
  let reconnect: NodeJS.Timeout | undefined;

  function lost(connection: pg.Client, error?: unknown): void {
    if (connection !== client) return;
    client = undefined;
    up = false;
    cache.clear();
    inFlight.clear();
    connection.removeAllListeners('notification');
    connection.end().catch(() => undefined);
    if (stopped) return;
    logger.warn({ err: error }, 'identity change feed lost; token checks ask identity until it is back');
    const delay = RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)];
    failures += 1;
    reconnect = setTimeout(() => void connect(), delay);
    reconnect.unref();
  }

  function sync(): void {
    const connection = client;
    if (!up || !connection) return;
    for (const sentAt of inFlight.values()) {
      if (now() - sentAt > SYNC_TIMEOUT_MS) lost(connection, new Error('identity change feed stopped answering'));
      return;
    }
    syncSeq += 1;
    const id = String(syncSeq);
    inFlight.set(id, now());
    connection.query('select pg_notify($1, $2)', [syncChannel, id]).catch((error: unknown) => lost(connection, error));
  }

  async function connect(): Promise<void> {
    const connection = new pg.Client({ connectionString: url, application_name: 'argus-router-viewer-feed' });
    client = connection;
    connection.on('error', (error) => lost(connection, error));
    connection.on('end', () => lost(connection));
    connection.on('notification', (message) => {
      if (message.channel === VIEWER_CHANGES_CHANNEL) cache.apply(parseViewerChange(message.payload ?? ''));
      else if (message.channel === syncChannel) {
        const sentAt = inFlight.get(message.payload ?? '');
        if (sentAt === undefined) return;
        inFlight.delete(message.payload!);
        freshness.synced(sentAt);
      }
    });
    try {
      await connection.connect();
      await connection.query(`listen ${VIEWER_CHANGES_CHANNEL}`);
      await connection.query(`listen ${syncChannel}`);
    } catch (error) {
      lost(connection, error);
      return;
    }
    if (connection !== client) return;
    // notices sent before LISTEN took effect never arrive: nothing cached may predate it
    cache.clear();
    up = true;
    failures = 0;
    freshness.forget();
    sync();
  }

  return {
    async start() {
      stopped = false;
      await connect();
      freshness.start();
    },
    current: () => freshness.current(up),
    async stop() {
      stopped = true;
      freshness.stop();
      if (reconnect) clearTimeout(reconnect);
      const connection = client;
      client = undefined;
      up = false;
      cache.clear();
      await connection?.end().catch(() => undefined);
    },
  };
}
