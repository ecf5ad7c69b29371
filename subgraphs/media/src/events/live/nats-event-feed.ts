import {
  DeliverPolicy,
  DiscardPolicy,
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, StreamConfig } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@argus/core';
import type { EventNotice } from './event-notice.js';
import { FanoutFeed } from './fanout-feed.js';
import { decodeNotice, encodeNotice } from './notice-codec.js';

/** The JetStream stream of notices and its subjects: `argus.events.<organization>.<event type>`. */
export const NOTICE_STREAM = 'ARGUS_EVENTS';
export const NOTICE_SUBJECTS = 'argus.events.>';
export const noticeSubject = (notice: EventNotice) => `argus.events.${notice.organizationId}.${notice.eventType}`;

/**
 * What the stream keeps: notices only (events themselves are in PostgreSQL), a day of them at
 * most 1 GiB, oldest dropped first; a notice re-published within 2 minutes (same event and kind)
 * is stored once.
 */
export const NOTICE_STREAM_CONFIG: Partial<StreamConfig> & { name: string } = {
  name: NOTICE_STREAM,
  subjects: [NOTICE_SUBJECTS],
  retention: RetentionPolicy.Limits,
  storage: StorageType.File,
  discard: DiscardPolicy.Old,
  max_age: nanos(24 * 3_600_000),
  max_bytes: 1024 ** 3,
  duplicate_window: nanos(120_000),
  num_replicas: 1,
};

/**
 * Notices over NATS JetStream (when NATS_URL is set). Each process reads the stream with one
 * ordered consumer that starts at new messages: the client recreates it after a reconnect from
 * the last sequence it saw, so a dropped connection loses no notice that the stream still holds.
 */
export class NatsEventFeed extends FanoutFeed {
  private messages: ConsumerMessages | undefined;
  private reading: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly logger?: Logger,
  ) {
    super();
  }

  /** Connects, makes sure the stream exists, and resolves once its consumer reads. */
  static async open(url: string, logger?: Logger): Promise<NatsEventFeed> {
    const nc = await connect({
      servers: url.split(',').map((s) => s.trim()),
      name: `argus-media-${process.pid}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    try {
      const jsm = await jetstreamManager(nc);
      try {
        await jsm.streams.info(NOTICE_STREAM);
        await jsm.streams.update(NOTICE_STREAM, NOTICE_STREAM_CONFIG);
      } catch (error) {
        if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
        await jsm.streams.add(NOTICE_STREAM_CONFIG);
      }
      const feed = new NatsEventFeed(nc, jetstream(nc), logger);
      await feed.start();
      return feed;
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
  }

  async announce(notice: EventNotice): Promise<void> {
    await this.js.publish(noticeSubject(notice), encodeNotice(notice), { msgID: `${notice.eventId}:${notice.kind}` });
  }

  async close(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.reading;
    await this.nc.drain().catch(() => undefined);
  }

  private async start(): Promise<void> {
    // the stream holds notices only: no subject filter (which servers before 2.10 refuse on ordered consumers)
    const consumer = await this.js.consumers.get(NOTICE_STREAM, { deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume({ max_messages: 1000 });
    this.messages = messages;
    this.reading = (async () => {
      for await (const message of messages) {
        const notice = decodeNotice(message.string());
        if (notice) this.fanout.publish(notice);
        else this.logger?.warn({ subject: message.subject }, 'dropped a malformed event notice');
      }
    })().catch((err: Error) => this.logger?.warn({ err: err.message }, 'reading event notices from NATS stopped'));
  }
}
