import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { serverPool, type Logger } from '@argus/core';
import type { EventNotice } from './event-notice.js';
import { FanoutFeed } from './fanout-feed.js';
import { NOTICE_CHANNEL, NoticeChannelRepository } from './notice-channel.repository.js';
import { NoticeBatcher } from './notice-batcher.js';
import { decodeNotices, encodeNotice } from './notice-codec.js';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/** Where the feed listens: the embedded engine, or a server reached with these connection settings. */
export type PostgresListenTarget = { readonly pglite: PGlite } | { readonly server: pg.ClientConfig };

/**
 * Notices over PostgreSQL NOTIFY on the channel `argus_event_notices` (the default feed).
 * `announce` sends `pg_notify` on its own, after the writer's commit; notices announced while one
 * is on its way share the next (a JSON array, under 8,000 bytes). On PGlite the engine's
 * `listen` delivers within the process that holds the database; on a server one dedicated
 * connection per process LISTENs (reconnected with a doubling backoff, 100 ms up to 5 s), and
 * after a reconnect subscribers are told of the gap so they catch up from the database. There
 * NOTIFY has a connection of its own too: sent over the part's pool, an announcement would wait
 * behind every statement queued there (the writer's inserts, at a few hundred events a second),
 * and notices would arrive late and in bursts that overflow subscribers' buffers.
 */
export class PostgresEventFeed extends FanoutFeed {
  private client: pg.Client | undefined;
  private stopEmbedded: (() => Promise<void>) | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private attempts = 0;
  private readonly batcher: NoticeBatcher;

  private constructor(
    private readonly channel: NoticeChannelRepository,
    private readonly target: PostgresListenTarget,
    private readonly logger?: Logger,
    private readonly announcer?: Kysely<any>,
  ) {
    super();
    this.batcher = new NoticeBatcher((payload) => this.channel.notify(payload));
  }

  /** Resolves once listening (so a subscriber that reads stored events afterwards misses nothing). */
  static async open(db: Kysely<any>, target: PostgresListenTarget, logger?: Logger): Promise<PostgresEventFeed> {
    const announcer = 'server' in target ? announcerDb(target.server) : undefined;
    const feed = new PostgresEventFeed(new NoticeChannelRepository(announcer ?? db), target, logger, announcer);
    if ('pglite' in target) {
      feed.stopEmbedded = await feed.channel.listenEmbedded(target.pglite, (payload) => feed.receive(payload));
    } else {
      await feed.connect().catch(async (error: unknown) => {
        await announcer?.destroy().catch(() => undefined);
        throw error;
      });
    }
    return feed;
  }

  /** Notices announced together share one NOTIFY (see NoticeBatcher). */
  async announce(notice: EventNotice): Promise<void> {
    await this.batcher.announce(encodeNotice(notice));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.stopEmbedded?.().catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.announcer?.destroy().catch(() => undefined);
  }

  /** Whether the dedicated server connection is listening (always true on PGlite). */
  get listening(): boolean {
    return 'pglite' in this.target || this.client !== undefined;
  }

  private receive(payload: string): void {
    const { notices, malformed } = decodeNotices(payload);
    for (const notice of notices) this.fanout.publish(notice);
    if (malformed > 0) this.logger?.warn({ channel: NOTICE_CHANNEL, malformed }, 'dropped a malformed event notice');
  }

  private async connect(): Promise<void> {
    if (!('server' in this.target)) return;
    const client = new pg.Client({ ...this.target.server, keepAlive: true });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger?.warn({ err: err?.message }, 'the event notice connection was lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === NOTICE_CHANNEL && message.payload !== undefined) this.receive(message.payload);
    });
    await client.connect();
    await this.channel.listenOn(client);
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private scheduleReconnect(): void {
    const wait = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempts);
    this.attempts += 1;
    this.retry = setTimeout(() => {
      this.connect()
        .then(() => {
          if (this.closed) return;
          this.attempts = 0;
          this.logger?.info('the event notice connection is back');
          this.fanout.gap();
        })
        .catch((err: Error) => {
          if (this.closed) return;
          this.logger?.warn({ err: err.message }, 'reconnecting the event notice connection failed');
          this.scheduleReconnect();
        });
    }, wait);
    this.retry.unref();
  }
}

/** One server connection for NOTIFY alone (replaced by the pool when the server drops it). */
function announcerDb(server: pg.ClientConfig): Kysely<any> {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: serverPool({ ...server, max: 1 }) }) });
}
